//! Leads as other areas make them.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::repo::{self, LeadRow};
use crate::error::{AppError, FieldErrors, add_message};
use crate::kernel::WorkspaceId;

/// A person to make a lead of.
pub struct Person<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    /// Where the lead came from (`inbox`, `form`, `manual`, …).
    pub source: &'a str,
    pub platform: Option<&'a str>,
    pub platform_user_id: Option<&'a str>,
    pub notes: Option<&'a str>,
}

/// The email and phone as typed, checked: `(email, phone)`, `None` when empty.
fn contact(person: &Person<'_>) -> Result<(Option<String>, Option<String>), AppError> {
    let mut errors = FieldErrors::new();
    let email = person.email.trim();
    let email = if email.is_empty() {
        None
    } else if email.len() <= 255
        && email.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
        && !email.contains(char::is_whitespace)
    {
        Some(email.to_owned())
    } else {
        add_message(&mut errors, "email", "Give an email address like ana@example.com.");
        None
    };
    let phone: String = person.phone.trim().to_owned();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let phone = if phone.is_empty() {
        None
    } else if (7..=15).contains(&digits)
        && phone.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        Some(phone)
    } else {
        add_message(
            &mut errors,
            "phone",
            "Give a phone number of 7 to 15 digits, like +1 312 555 0100.",
        );
        None
    };
    if errors.is_empty() { Ok((email, phone)) } else { Err(AppError::Invalid(errors)) }
}

/// The lead who is this person (by platform id, email or phone), completed
/// with what it lacked, or a new one: `(id, made now)`.
pub async fn find_or_create(
    tx: &mut PgConnection,
    workspace: WorkspaceId,
    person: &Person<'_>,
) -> Result<(Uuid, bool), AppError> {
    let (email, phone) = contact(person)?;
    let name: String = person.name.trim().chars().take(200).collect();
    let row = LeadRow {
        name: if name.is_empty() { "Someone from the inbox" } else { &name },
        email: email.as_deref(),
        phone: phone.as_deref(),
        source: person.source,
        platform: person.platform,
        platform_user_id: person.platform_user_id,
        notes: person.notes,
    };
    let found = repo::find(
        &mut *tx,
        workspace,
        person.platform,
        person.platform_user_id,
        row.email,
        row.phone,
    )
    .await?;
    match found {
        Some(id) => {
            repo::complete(&mut *tx, workspace, id, &row).await?;
            Ok((id, false))
        }
        None => Ok((repo::insert(&mut *tx, workspace, &row).await?, true)),
    }
}

/// (name, status, email) of a lead, for the areas that link to one.
pub async fn summary(
    pg: &PgPool,
    workspace: WorkspaceId,
    id: Uuid,
) -> Result<Option<(String, String, Option<String>)>, AppError> {
    Ok(repo::summary(pg, workspace, id).await?)
}
