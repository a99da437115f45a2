//! Signing up: the user, their workspace and their owner membership at once.

use sqlx::PgPool;

use super::valid_timezone;
use crate::contexts::auth::rules::non_empty as optional;
use crate::contexts::auth::rules::{email_problem, normalize_email, password_problem, slugify};
use crate::contexts::auth::server::{password, repo};
use crate::error::{AppError, FieldErrors, add_message as add};
use crate::kernel::{Role, UserId, WorkspaceId};

/// What the sign-up form sends.
#[derive(Debug, Clone, Default)]
pub struct SignUp {
    pub name: String,
    pub email: String,
    pub password: String,
    pub workspace_name: String,
    pub industry: String,
    pub website: String,
    pub timezone: String,
    pub currency: String,
}

const EMAIL_TAKEN: &str = "An account with this email already exists. Log in instead?";

/// Every problem with the form at once, by field.
pub fn validate(input: &SignUp) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let name = input.name.trim();
    if name.is_empty() {
        add(&mut errors, "name", "Enter your name.");
    } else if name.chars().count() > 100 {
        add(&mut errors, "name", "Use at most 100 characters.");
    }
    if let Some(problem) = email_problem(&input.email) {
        add(&mut errors, "email", problem);
    }
    let local = input.email.split('@').next().unwrap_or_default();
    let personal = [local, name, input.workspace_name.trim()];
    if let Some(problem) = password_problem(&input.password, &personal) {
        add(&mut errors, "password", problem);
    }
    let workspace = input.workspace_name.trim();
    if workspace.is_empty() {
        add(&mut errors, "workspace_name", "Name your workspace, for example your company's name.");
    } else if workspace.chars().count() > 100 {
        add(&mut errors, "workspace_name", "Use at most 100 characters.");
    }
    if !valid_timezone(input.timezone.trim()) {
        add(&mut errors, "timezone", "Choose a time zone, like Europe/Lisbon.");
    }
    let currency = input.currency.trim();
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        add(&mut errors, "currency", "Choose a currency, like USD or EUR.");
    }
    // Each as long as its column (workspaces.industry, workspaces.website).
    if let Some(problem) = crate::contexts::auth::rules::too_long(&input.industry, 100) {
        add(&mut errors, "industry", problem);
    }
    let website = input.website.trim();
    if let Some(problem) = crate::contexts::auth::rules::too_long(website, 255) {
        add(&mut errors, "website", problem);
    } else if !website.is_empty() && !crate::contexts::auth::rules::is_web_url(website) {
        add(&mut errors, "website", "Use a web address starting with https:// or http://.");
    }
    if errors.is_empty() { Ok(()) } else { Err(AppError::Invalid(errors)) }
}

/// Creates the user, their workspace and their owner membership, in one transaction.
pub async fn sign_up(pg: &PgPool, input: &SignUp) -> Result<(UserId, WorkspaceId), AppError> {
    validate(input)?;
    let email = normalize_email(&input.email);
    if repo::find_user_by_email(pg, &email).await?.is_some() {
        return Err(AppError::invalid("email", EMAIL_TAKEN));
    }
    let hash = password::hash(input.password.clone()).await?;
    let mut tx = pg.begin().await?;
    let user = repo::insert_user(&mut tx, &email, input.name.trim(), &hash, input.timezone.trim())
        .await
        .map_err(|err| match AppError::from(err) {
            AppError::Conflict(_) => AppError::invalid("email", EMAIL_TAKEN),
            other => other,
        })?;
    let slug = free_slug(&mut tx, &input.workspace_name).await?;
    let new = repo::NewWorkspace {
        name: input.workspace_name.trim(),
        slug: &slug,
        industry: optional(&input.industry),
        website: optional(&input.website),
        timezone: input.timezone.trim(),
        currency: input.currency.trim(),
    };
    let workspace = repo::insert_workspace(&mut *tx, &new).await?;
    repo::insert_membership(&mut *tx, workspace, user, Role::Owner).await?;
    repo::log_activity(&mut *tx, workspace, Some(user), "sign_up", "Created the workspace").await?;
    tx.commit().await?;
    Ok((user, workspace))
}

/// The workspace name's slug, with -2, -3, ... appended until it is free.
async fn free_slug(db: &mut sqlx::PgConnection, name: &str) -> Result<String, AppError> {
    let base = Some(slugify(name)).filter(|s| !s.is_empty()).unwrap_or_else(|| "workspace".into());
    let mut candidate = base.clone();
    for n in 2.. {
        if !repo::slug_taken(&mut *db, &candidate).await? {
            return Ok(candidate);
        }
        candidate = format!("{base}-{n}");
    }
    Err(AppError::internal("no free slug"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SignUp {
        SignUp {
            name: "Ana Lopez".into(),
            email: "ana@northwind.example".into(),
            password: "blue otter roasting".into(),
            workspace_name: "Northwind Coffee".into(),
            timezone: "Europe/Lisbon".into(),
            currency: "EUR".into(),
            ..SignUp::default()
        }
    }

    #[test]
    fn a_complete_form_is_valid() {
        assert_eq!(validate(&form()), Ok(()));
    }

    #[test]
    fn every_problem_is_reported_by_field_at_once() {
        let err = validate(&SignUp { timezone: "UTC".into(), ..SignUp::default() }).unwrap_err();
        for field in ["name", "email", "password", "workspace_name", "currency"] {
            assert!(!err.field_messages(field).is_empty(), "{field}: {err:?}");
        }
        assert!(err.field_messages("timezone").is_empty());
    }

    #[test]
    fn a_password_made_of_the_workspace_name_is_weak() {
        let err = validate(&SignUp { password: "northwindcoffee1".into(), ..form() }).unwrap_err();
        assert!(!err.field_messages("password").is_empty());
    }
}
