use std::time::Instant;
use camtui::server::store::{Account, Store};
fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cam.db");
    let store = Store::open(&path).unwrap();
    store.load_if_empty(Account { owner_uin: 1, app_id: 1 }, &[], &[], &[]).unwrap();
    let n = 300_000;
    for round in 0..3 {
        let t = Instant::now();
        for _ in 0..n { std::hint::black_box(store.directory_version().unwrap()); }
        println!("round {round}: directory_version {:.3} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
        let c = rusqlite::Connection::open(&path).unwrap();
        let t = Instant::now();
        for _ in 0..n { let v: i64 = c.prepare_cached("PRAGMA data_version").unwrap().query_row([], |r| r.get(0)).unwrap(); std::hint::black_box(v); }
        println!("round {round}: PRAGMA data_version {:.3} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
        let t = Instant::now();
        for _ in 0..20 { std::hint::black_box(camtui::server::seed::Seed::demo().users.len()); }
        println!("demo parse {:.3} ms", t.elapsed().as_secs_f64()*1e3 / 20.0);
    }
}
