//! MongoDB collections of seed 000's audits (field names as the seed spells them).
//!
//! `audit_reports`: `{ workspace_id, user_id, report_name, created_at, status,
//! platforms, metrics { performance_score, engagement_rate, conversion_rate, roi },
//! recommendations, raw_data }`.
//! `audit_metrics`: `{ workspace_id, report_id, platform, metric_type, value,
//! timestamp, comparison { previous_value, change_percentage } }`.

use mongodb::bson::doc;

use crate::server::mongo::{CollectionSpec, index};

pub const AUDIT_REPORTS: &str = "audit_reports";
pub const AUDIT_METRICS: &str = "audit_metrics";

pub fn specs() -> Vec<CollectionSpec> {
    vec![
        CollectionSpec {
            name: AUDIT_REPORTS,
            time_series: None,
            indexes: vec![
                index("workspace_created", doc! { "workspace_id": 1, "created_at": -1 }),
                index("workspace_status", doc! { "workspace_id": 1, "status": 1 }),
            ],
        },
        CollectionSpec {
            name: AUDIT_METRICS,
            time_series: None,
            indexes: vec![
                index(
                    "report_platform_metric",
                    doc! { "report_id": 1, "platform": 1, "metric_type": 1 },
                ),
                // "the previous value of this metric on this platform" for comparisons.
                index(
                    "workspace_platform_metric_time",
                    doc! { "workspace_id": 1, "platform": 1, "metric_type": 1, "timestamp": -1 },
                ),
            ],
        },
    ]
}
