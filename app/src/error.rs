//! `AppError`: the one error type that crosses the wire.
//!
//! Every server function returns `Result<T, AppError>`. The variants say what the
//! browser may know; internal causes (database text, driver errors) are logged on the
//! server under a reference id and reach the client only as `Internal(reference)`.

use std::collections::BTreeMap;

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Field name → the messages to show next to that field.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// Adds `message` to `field`'s messages (forms report every problem at once).
pub fn add_message(errors: &mut FieldErrors, field: &str, message: impl Into<String>) {
    errors.entry(field.to_owned()).or_default().push(message.into());
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please sign in to continue.")]
    Unauthenticated,
    #[error("You do not have permission to do that.")]
    Forbidden,
    #[error("We could not find that.")]
    NotFound,
    #[error("Some fields need attention.")]
    Invalid(FieldErrors),
    /// The request clashes with existing data; the string is a stable code
    /// (for the database, the name of the violated unique constraint).
    #[error("That conflicts with something that already exists.")]
    Conflict(String),
    /// Too many failed attempts; the number is how many minutes to wait.
    #[error("Too many attempts. Try again in {}.", in_minutes(*.0))]
    TooManyAttempts(u32),
    /// The server is at its limit for this kind of work (password checks); the
    /// number is how many seconds to wait.
    #[error("Aura is busy right now. Try again in {0} seconds.")]
    Busy(u32),
    /// Something failed on our side; the reference finds the log line.
    #[error("Something went wrong on our side (reference {0}).")]
    Internal(String),
    /// The browser could not reach the server or read its answer.
    #[error("Could not reach Aura: {0}")]
    Transport(String),
}

impl AppError {
    /// One invalid field with one message.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid(FieldErrors::from([(field.to_owned(), vec![message.into()])]))
    }

    /// Messages for `field`, empty when it has none.
    pub fn field_messages(&self, field: &str) -> &[String] {
        match self {
            Self::Invalid(fields) => fields.get(field).map(Vec::as_slice).unwrap_or_default(),
            _ => &[],
        }
    }

    /// How many seconds to wait before trying again (`Retry-After`), when the
    /// error says to wait.
    pub fn retry_after_seconds(&self) -> Option<u64> {
        match self {
            Self::TooManyAttempts(minutes) => Some(u64::from(*minutes) * 60),
            Self::Busy(seconds) => Some(u64::from(*seconds)),
            _ => None,
        }
    }

    /// The HTTP status this error is served with.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::Unauthenticated => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::Invalid(_) => 422,
            Self::Conflict(_) => 409,
            Self::TooManyAttempts(_) | Self::Busy(_) => 429,
            Self::Internal(_) => 500,
            Self::Transport(_) => 503,
        }
    }
}

fn in_minutes(minutes: u32) -> String {
    if minutes == 1 { "1 minute".to_owned() } else { format!("{minutes} minutes") }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // On the server: the request's body could not be read (not UTF-8, cut
            // short); the caller's fault, said in words.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Deserialization(_) => {
                Self::invalid("_request", "The form could not be read; please try again.")
            }
            // Raised in the browser: nothing was logged on the server.
            #[cfg(not(feature = "ssr"))]
            ServerFnErrorErr::Request(detail) | ServerFnErrorErr::Deserialization(detail) => {
                Self::Transport(detail)
            }
            #[cfg(not(feature = "ssr"))]
            ServerFnErrorErr::Serialization(detail) => Self::Transport(detail),
            // The caller sent arguments we cannot read.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                Self::invalid("_request", "The form could not be read; please try again.")
            }
            other => internal_from_server_fn(other),
        }
    }
}

#[cfg(feature = "ssr")]
fn internal_from_server_fn(err: ServerFnErrorErr) -> AppError {
    AppError::internal(err)
}

#[cfg(not(feature = "ssr"))]
fn internal_from_server_fn(_err: ServerFnErrorErr) -> AppError {
    AppError::Internal("client".to_owned())
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;
    use crate::server::db::{ConstraintKind, classify};

    impl AppError {
        /// Logs `cause` with a fresh reference id and returns `Internal(reference)`.
        pub fn internal(cause: impl std::fmt::Display) -> Self {
            let reference = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
            tracing::error!(%reference, error = %cause, "internal error");
            Self::Internal(reference)
        }
    }

    impl From<sqlx::Error> for AppError {
        fn from(err: sqlx::Error) -> Self {
            if matches!(err, sqlx::Error::RowNotFound) {
                return Self::NotFound;
            }
            match classify(&err) {
                Some(violation) => match violation.kind {
                    ConstraintKind::Unique => Self::Conflict(violation.constraint),
                    ConstraintKind::ForeignKey => Self::invalid(
                        &violation.constraint,
                        "refers to something that does not exist (or no longer exists)",
                    ),
                    ConstraintKind::Check => {
                        Self::invalid(&violation.constraint, "is not an allowed value")
                    }
                    ConstraintKind::NotNull => Self::invalid(&violation.constraint, "is required"),
                    ConstraintKind::TooLong => {
                        Self::invalid("_request", "A value is longer than Aura keeps; shorten it.")
                    }
                    ConstraintKind::BadCharacter => Self::invalid(
                        "_request",
                        "A value holds a character Aura cannot keep (a NUL byte); remove it.",
                    ),
                },
                None => Self::internal(err),
            }
        }
    }

    impl From<mongodb::error::Error> for AppError {
        fn from(err: mongodb::error::Error) -> Self {
            if crate::server::mongo::is_duplicate_key(&err) {
                return Self::Conflict("duplicate_key".to_owned());
            }
            Self::internal(err)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_attempts_says_how_long_to_wait() {
        assert_eq!(
            AppError::TooManyAttempts(1).to_string(),
            "Too many attempts. Try again in 1 minute."
        );
        assert_eq!(
            AppError::TooManyAttempts(15).to_string(),
            "Too many attempts. Try again in 15 minutes."
        );
        assert_eq!(AppError::TooManyAttempts(3).status_code(), 429);
    }

    #[test]
    fn invalid_carries_the_field_message() {
        let err = AppError::invalid("email", "is taken");
        assert_eq!(err.field_messages("email"), ["is taken".to_owned()]);
        assert!(err.field_messages("name").is_empty());
        assert_eq!(err.status_code(), 422);
    }

    /// In the browser a request that failed is a transport problem.
    #[cfg(not(feature = "ssr"))]
    #[test]
    fn transport_failures_stay_transport() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Request("offline".into()));
        assert_eq!(err, AppError::Transport("offline".into()));
    }

    /// On the server a body that cannot be read (not UTF-8, cut short) is the
    /// caller's to fix: 422 in words, never a 5xx.
    #[cfg(feature = "ssr")]
    #[test]
    fn an_unreadable_body_on_the_server_is_the_callers_problem() {
        for err in [
            ServerFnErrorErr::Request("cut short".into()),
            ServerFnErrorErr::Deserialization("invalid utf-8".into()),
        ] {
            let err = AppError::from_server_fn_error(err);
            assert!(matches!(err, AppError::Invalid(_)), "{err:?}");
            assert_eq!(err.status_code(), 422);
        }
    }

    #[test]
    fn unreadable_arguments_are_a_validation_error() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("bad".into()));
        assert!(matches!(err, AppError::Invalid(_)));
    }

    #[test]
    fn wire_form_round_trips() {
        let err = AppError::Conflict("users_email_key".into());
        let json = serde_json::to_string(&err).unwrap();
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), err);
    }
}
