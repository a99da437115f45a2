//! Importing a CSV of daily metrics for brands without API access.

use chrono::Utc;
use sqlx::PgPool;

use crate::contexts::analytics::import;
use crate::contexts::analytics::types::ImportReport;
use crate::contexts::auth::server::accounts;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::automation::server::queue;
use crate::contexts::brands::server::service as brands;
use crate::contexts::insights::types::{GENERATE_INSIGHTS, GenerateInsights};
use crate::error::AppError;
use crate::kernel::BrandId;

/// Checks a CSV of daily metrics for a brand and, when `commit`, writes its good rows
/// in one transaction (replacing imported values of the same days and types).
/// Rejected rows are reported, never written.
pub async fn import_csv(
    pg: &PgPool,
    member: &Member,
    brand: BrandId,
    text: &str,
    commit: bool,
) -> Result<ImportReport, AppError> {
    let brand = brands::get(pg, member, brand).await?;
    if brand.archived_at.is_some() {
        return Err(AppError::invalid(
            "csv",
            "This brand is archived; restore it to import metrics.",
        ));
    }
    let tz: chrono_tz::Tz = brand.timezone.parse().unwrap_or(chrono_tz::UTC);
    let today = Utc::now().with_timezone(&tz).date_naive();
    let parsed = import::parse(text, today).map_err(|message| AppError::invalid("csv", message))?;
    let mut report = ImportReport {
        columns: parsed.columns.iter().map(|m| m.as_str().to_owned()).collect(),
        accepted_rows: parsed.accepted_rows,
        values: parsed.values.len(),
        rejected: parsed.rejected,
        first_day: parsed.first_day,
        last_day: parsed.last_day,
        committed: false,
    };
    if !commit || parsed.values.is_empty() {
        return Ok(report);
    }
    let mut tx = pg.begin().await?;
    super::store_values(&mut tx, member.workspace, brand.id, None, &brand.currency, &parsed.values)
        .await?;
    accounts::log_activity(
        &mut *tx,
        member.workspace,
        Some(member.user),
        "metrics_imported",
        &format!(
            "Imported {} of metrics for {}",
            crate::ui::plural(
                i64::try_from(report.accepted_rows).unwrap_or(i64::MAX),
                "row",
                "rows"
            ),
            brand.name
        ),
    )
    .await?;
    // New data: the brand's insights are worked out again, committed with the import.
    let data = GenerateInsights::new(brand.id).data();
    queue::enqueue(&mut tx, member.workspace, GENERATE_INSIGHTS, &data, None).await?;
    tx.commit().await?;
    report.committed = true;
    Ok(report)
}
