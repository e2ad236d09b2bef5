//! `Page`/`Rp` paging, as the policy and group lists take it: `Page` from 1 (default 1), `Rp`
//! rows a page (default 20, at most 200), and, where an action documents it, at most 200 pages.

use crate::server::error::{Code, ServerError};
use crate::server::store::Page;

const DEFAULT_RP: u64 = 20;
const MAX_RP: u64 = 200;
/// `ListPolicies` and `ListAttachedUserAllPolicies`: "不能大于 200".
pub const MAX_PAGE: u64 = 200;

/// The page asked for, with the defaults filled in; out of bounds is `code`.
pub fn page(
    page: Option<u64>,
    rp: Option<u64>,
    max_page: Option<u64>,
    code: Code,
) -> Result<Page, ServerError> {
    let (page, rp) = (page.unwrap_or(1), rp.unwrap_or(DEFAULT_RP));
    if !(1..=MAX_RP).contains(&rp) {
        return Err(ServerError::new(
            code,
            format!("Rp must be 1 to {MAX_RP}, not {rp}."),
        ));
    }
    let last = max_page.unwrap_or(u64::MAX);
    if !(1..=last).contains(&page) {
        return Err(ServerError::new(
            code,
            match max_page {
                Some(max) => format!("Page must be 1 to {max}, not {page}."),
                None => "Page starts at 1.".to_owned(),
            },
        ));
    }
    Ok(Page {
        offset: (page - 1).saturating_mul(rp),
        limit: rp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bounds() {
        let p = page(None, None, None, Code::ParamError).unwrap();
        assert_eq!((p.offset, p.limit), (0, 20));
        let p = page(Some(3), Some(200), Some(MAX_PAGE), Code::ParamError).unwrap();
        assert_eq!((p.offset, p.limit), (400, 200));
        for (pg, rp, max) in [
            (Some(0), None, None),
            (None, Some(0), None),
            (None, Some(201), None),
            (Some(201), None, Some(MAX_PAGE)),
        ] {
            assert_eq!(
                page(pg, rp, max, Code::ParamError).unwrap_err().code(),
                Code::ParamError
            );
        }
    }
}
