//! CAM's preset policies (`Type` 2, `QCS`): in every account, written when the server opens a
//! database, and never created, changed or deleted through the API. Names, descriptions and
//! products are CAM's; so are the ids and times of `AdministratorAccess`,
//! `QCloudResourceFullAccess`, `QCloudFinanceFullAccess` and `ReadOnlyAccess` (from CAM's own
//! `ListPolicies` answers). The others' ids and times are this server's, and the documents are
//! written in the policy syntax to grant what each description says.

/// One preset policy.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    pub id: u64,
    pub name: &'static str,
    pub description: &'static str,
    /// The product it is for; `None` for account-wide ones.
    pub service_type: Option<&'static str>,
    /// Unix seconds.
    pub created: i64,
    pub document: &'static str,
}

/// Every preset, by id.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: 1,
        name: "AdministratorAccess",
        description: "该策略允许您管理账户内所有用户及其权限、财务相关的信息、云服务资产。",
        service_type: None,
        created: 1_464_867_609, // 2016-06-02 19:40:09
        document: r#"{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"]}]}"#,
    },
    Preset {
        id: 2,
        name: "QCloudResourceFullAccess",
        description: "该策略允许您管理账户内所有云服务资产。",
        service_type: None,
        created: 1_464_867_623, // 2016-06-02 19:40:23
        document: r#"{"version":"2.0","statement":[{"effect":"allow","action":["*"],"resource":["*"]},{"effect":"deny","action":["name/cam:*","name/finance:*"],"resource":["*"]}]}"#,
    },
    Preset {
        id: 3,
        name: "QCloudFinanceFullAccess",
        description: "该策略允许您管理账户内财务相关的内容，例如：付款、开票。",
        service_type: Some("finance"),
        created: 1_464_867_637, // 2016-06-02 19:40:37
        document: r#"{"version":"2.0","statement":[{"effect":"allow","action":["name/finance:*"],"resource":["*"]}]}"#,
    },
    Preset {
        id: 400_411,
        name: "ReadOnlyAccess",
        description: "该策略允许您只读访问账户内所有支持接口级鉴权或资源级鉴权的云服务资产。",
        service_type: None,
        created: 1_504_252_674, // 2017-09-01 15:57:54
        document: r#"{"version":"2.0","statement":[{"effect":"allow","action":["*:Describe*","*:List*","*:Get*","*:Head*","*:Query*","*:Check*","*:Inquiry*"],"resource":["*"]}]}"#,
    },
    Preset {
        id: 400_412,
        name: "QcloudCamFullAccess",
        description: "访问管理（CAM）全读写访问权限，包括用户、用户组及策略的管理。",
        service_type: Some("cam"),
        created: 1_504_253_120, // 2017-09-01 16:05:20
        document: r#"{"version":"2.0","statement":[{"effect":"allow","action":["name/cam:*"],"resource":["*"]}]}"#,
    },
    Preset {
        id: 400_413,
        name: "QcloudCamReadOnlyAccess",
        description: "访问管理（CAM）只读访问权限。",
        service_type: Some("cam"),
        created: 1_504_253_178, // 2017-09-01 16:06:18
        document: r#"{"version":"2.0","statement":[{"effect":"allow","action":["name/cam:Get*","name/cam:List*","name/cam:Describe*"],"resource":["*"]}]}"#,
    },
    Preset {
        id: 400_414,
        name: "QcloudCOSFullAccess",
        description: "对象存储（COS）全读写访问权限。",
        service_type: Some("cos"),
        created: 1_504_253_402, // 2017-09-01 16:10:02
        document: r#"{"version":"2.0","statement":[{"effect":"allow","action":["name/cos:*"],"resource":["*"]}]}"#,
    },
    Preset {
        id: 400_415,
        name: "QcloudCOSReadOnlyAccess",
        description: "对象存储（COS）只读访问权限。",
        service_type: Some("cos"),
        created: 1_504_253_466, // 2017-09-01 16:11:06
        document: r#"{"version":"2.0","statement":[{"effect":"allow","action":["name/cos:HeadObject","name/cos:GetObject","name/cos:GetBucket","name/cos:HeadBucket","name/cos:GetService","name/cos:OptionsObject","name/cos:GetBucketACL","name/cos:GetObjectACL"],"resource":["*"]}]}"#,
    },
    Preset {
        id: 400_416,
        name: "QcloudCVMFullAccess",
        description: "云服务器（CVM）全读写访问权限，包括云服务器及相关的私有网络、负载均衡和云监控权限。",
        service_type: Some("cvm"),
        created: 1_504_253_701, // 2017-09-01 16:15:01
        document: r#"{"version":"2.0","statement":[{"effect":"allow","action":["name/cvm:*","name/vpc:*","name/clb:*","name/monitor:*"],"resource":["*"]}]}"#,
    },
    Preset {
        id: 400_417,
        name: "QcloudCVMReadOnlyAccess",
        description: "云服务器（CVM）相关资源只读访问权限。",
        service_type: Some("cvm"),
        created: 1_504_253_758, // 2017-09-01 16:15:58
        document: r#"{"version":"2.0","statement":[{"effect":"allow","action":["name/cvm:Describe*","name/cvm:Inquiry*","name/vpc:Describe*","name/clb:Describe*","name/monitor:Describe*","name/monitor:Get*"],"resource":["*"]}]}"#,
    },
    Preset {
        id: 400_418,
        name: "QcloudAuditFullAccess",
        description: "操作审计（CloudAudit）全读写访问权限。",
        service_type: Some("cloudaudit"),
        created: 1_517_903_233, // 2018-02-06 15:47:13
        document: r#"{"version":"2.0","statement":[{"effect":"allow","action":["name/cloudaudit:*"],"resource":["*"]}]}"#,
    },
    Preset {
        id: 400_419,
        name: "QcloudAuditReadOnlyAccess",
        description: "操作审计（CloudAudit）只读访问权限。",
        service_type: Some("cloudaudit"),
        created: 1_517_903_291, // 2018-02-06 15:48:11
        document: r#"{"version":"2.0","statement":[{"effect":"allow","action":["name/cloudaudit:Describe*","name/cloudaudit:LookUp*","name/cloudaudit:List*","name/cloudaudit:Get*"],"resource":["*"]}]}"#,
    },
];

/// The preset named `name`.
pub fn named(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::dates::datetime;
    use crate::server::policy_document;

    #[test]
    fn presets_are_well_formed() {
        let ids: std::collections::HashSet<u64> = PRESETS.iter().map(|p| p.id).collect();
        assert_eq!(ids.len(), PRESETS.len());
        for preset in PRESETS {
            policy_document::canonical(preset.document).unwrap();
            assert_eq!(named(preset.name).map(|p| p.id), Some(preset.id));
        }
        assert_eq!(datetime(PRESETS[0].created), "2016-06-02 19:40:09");
        assert_eq!(
            datetime(named("ReadOnlyAccess").unwrap().created),
            "2017-09-01 15:57:54"
        );
    }
}
