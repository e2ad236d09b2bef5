//! Jobs run one at a time, in the order they came: the mutating actions.
//!
//! Mutations run one at a time anyway — each holds the database's only write lock from its
//! first read to its commit. As a blocking task each, under 64 connections creating and deleting
//! keys every one was a thread woken to queue for that lock, and every hand-over of the lock a
//! task switch inside the one section nothing else can run in: the lock was held ~80 µs a
//! mutation. Here a job that finds nothing running runs as a blocking task of its own, as before;
//! jobs that come meanwhile queue, and one blocking task then runs them back to back for as long
//! as there are any (the lock held ~60 µs, nobody waiting on it). A thread of its own, woken for
//! every job, made a lone client's mutations 10–15 % slower; so did handing a lone job's answer
//! back through the queue's channel instead of its blocking task.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex, PoisonError};

type Job = Box<dyn FnOnce() + Send>;

#[derive(Default)]
pub struct Serial {
    queue: Arc<Mutex<Queue>>,
}

#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    /// Whether a blocking task is running the jobs.
    running: bool,
}

impl std::fmt::Debug for Serial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Serial").finish_non_exhaustive()
    }
}

impl Serial {
    /// Runs `f` once the jobs given before it are done; `None` if it panicked (or the runtime is
    /// shutting down and it never ran).
    pub async fn run<T: Send + 'static, F: FnOnce() -> T + Send + 'static>(
        &self,
        f: F,
    ) -> Option<T> {
        match self.queue_or_claim(f) {
            Turn::Queued(result) => result.await.ok(),
            Turn::Now(f) => self.lead(f).await,
        }
    }

    /// Queues `f` behind the jobs running, or — when none are — claims the queue and hands `f`
    /// back to run now, as a blocking task of its own as any did before.
    fn queue_or_claim<T: Send + 'static, F: FnOnce() -> T + Send + 'static>(
        &self,
        f: F,
    ) -> Turn<T, F> {
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        if !queue.running {
            queue.running = true;
            return Turn::Now(f);
        }
        let (done, result) = tokio::sync::oneshot::channel();
        queue.jobs.push_back(Box::new(move || {
            let _ = done.send(f());
        }));
        Turn::Queued(result)
    }

    /// Runs `f`, which found nothing running, as a blocking task; then starts the runner if
    /// jobs queued meanwhile.
    async fn lead<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
        let mut runner = Runner {
            queue: Arc::clone(&self.queue),
            ran: false,
        };
        tokio::task::spawn_blocking(move || {
            runner.ran = true;
            let out = catch_unwind(AssertUnwindSafe(f));
            runner.hand_on();
            out.ok()
        })
        .await
        .ok()
        .flatten()
    }
}

enum Turn<T, F> {
    Queued(tokio::sync::oneshot::Receiver<T>),
    Now(F),
}

/// What runs the queue, as a blocking task. Dropped without having run (the runtime is shutting
/// down), it drops the jobs waiting, so their callers hear `None` instead of nothing ever.
struct Runner {
    queue: Arc<Mutex<Queue>>,
    ran: bool,
}

impl Runner {
    fn run(mut self) {
        self.ran = true;
        while let Some(job) = self.next() {
            // A job that panics fails alone: its caller hears of it, the others run.
            let _ = catch_unwind(AssertUnwindSafe(job));
        }
    }

    /// The next job; with none, the queue is idle.
    fn next(&self) -> Option<Job> {
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        let job = queue.jobs.pop_front();
        queue.running = job.is_some();
        job
    }

    /// After a job that ran alone: runs what queued behind it, in a blocking task of its own so
    /// that the job's caller has its answer now.
    fn hand_on(&self) {
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        if queue.jobs.is_empty() {
            queue.running = false;
        } else {
            let runner = Runner {
                queue: Arc::clone(&self.queue),
                ran: false,
            };
            drop(tokio::task::spawn_blocking(move || runner.run()));
        }
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        if !self.ran {
            let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
            queue.running = false;
            queue.jobs.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn jobs_run_in_order_one_at_a_time_and_a_panic_fails_only_its_own() {
        let serial = Serial::default();
        let order = Arc::new(Mutex::new(Vec::new()));
        let running = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let runs = (0..50).map(|i| {
            let (order, running) = (Arc::clone(&order), Arc::clone(&running));
            serial.run(move || {
                let alone = running.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0;
                order.lock().unwrap().push(i);
                std::thread::sleep(std::time::Duration::from_micros(100));
                running.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                alone
            })
        });
        let alone = futures::future::join_all(runs).await;
        assert!(alone.iter().all(|a| *a == Some(true)), "one at a time");
        assert_eq!(*order.lock().unwrap(), (0..50).collect::<Vec<_>>());

        assert_eq!(serial.run(|| -> u8 { panic!("a bug") }).await, None);
        assert_eq!(serial.run(|| 7).await, Some(7), "the next runs");
    }

    #[tokio::test]
    async fn jobs_a_runner_never_ran_fail_instead_of_waiting_forever() {
        let serial = Serial::default();
        let (done, result) = tokio::sync::oneshot::channel::<u8>();
        {
            let mut queue = serial.queue.lock().unwrap();
            queue.jobs.push_back(Box::new(move || {
                let _ = done.send(1);
            }));
            queue.running = true;
        }
        // What the runtime does with a blocking task when it shuts down before running it.
        drop(Runner {
            queue: Arc::clone(&serial.queue),
            ran: false,
        });
        assert!(result.await.is_err());
        assert_eq!(
            serial.run(|| 2).await,
            Some(2),
            "the next job starts a runner"
        );
    }
}
