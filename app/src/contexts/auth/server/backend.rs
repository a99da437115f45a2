//! axum-login's backend: who a session's user is, and checking an email and password.

use axum_login::{AuthUser, AuthnBackend, UserId as AuthUserId};
use sqlx::PgPool;

use super::password;
use super::repo::{self, UserRow};
use crate::error::AppError;
use crate::kernel::UserId;

/// The signed-in user. The session is bound to the password hash, so changing the
/// password signs out every other session.
#[derive(Clone, Debug)]
pub struct SessionUser(pub UserRow);

impl AuthUser for SessionUser {
    type Id = UserId;

    fn id(&self) -> UserId {
        self.0.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        self.0.password_hash.as_bytes()
    }
}

/// What a person types to sign in.
#[derive(Clone)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

/// Hands the user row the session store read with a session (one query for both)
/// to [`Backend::get_user`], which axum-login calls next in the same request, so
/// a signed-in request costs one round trip before its work instead of two. A row
/// is taken once and only within [`HANDOFF_SECONDS`] of being read; without one,
/// `get_user` reads the user itself.
#[derive(Clone, Debug, Default)]
pub struct UserHandoff(
    std::sync::Arc<
        std::sync::Mutex<std::collections::HashMap<UserId, (UserRow, std::time::Instant)>>,
    >,
);

/// How old a handed-off row may be: it was read by the request taking it, or by
/// another of the same user's requests at the same moment.
pub const HANDOFF_SECONDS: u64 = 2;

impl UserHandoff {
    pub fn put(&self, user: UserRow) {
        if let Ok(mut rows) = self.0.lock() {
            let now = std::time::Instant::now();
            rows.retain(|_, (_, at)| now.duration_since(*at).as_secs() < HANDOFF_SECONDS);
            rows.insert(user.id, (user, now));
        }
    }

    fn take(&self, id: UserId) -> Option<UserRow> {
        let (user, at) = self.0.lock().ok()?.remove(&id)?;
        (at.elapsed().as_secs() < HANDOFF_SECONDS).then_some(user)
    }
}

#[derive(Clone, Debug)]
pub struct Backend {
    pg: PgPool,
    handoff: UserHandoff,
}

impl Backend {
    pub fn new(pg: PgPool) -> Self {
        Self { pg, handoff: UserHandoff::default() }
    }

    /// Takes the user rows `store` reads with sessions (pass the store the same
    /// hand-off).
    pub fn with_handoff(mut self, handoff: UserHandoff) -> Self {
        self.handoff = handoff;
        self
    }

    pub fn pool(&self) -> &PgPool {
        &self.pg
    }
}

impl AuthnBackend for Backend {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = AppError;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<SessionUser>, AppError> {
        let Some(user) = repo::find_user_by_email(&self.pg, creds.email.trim()).await? else {
            password::verify_nothing(creds.password).await?;
            return Ok(None);
        };
        let matches = password::verify(creds.password, user.password_hash.clone()).await?;
        Ok((matches && user.is_active).then_some(SessionUser(user)))
    }

    async fn get_user(&self, id: &AuthUserId<Self>) -> Result<Option<SessionUser>, AppError> {
        let user = match self.handoff.take(*id) {
            Some(user) => Some(user),
            None => repo::find_user(&self.pg, *id).await?,
        };
        Ok(user.filter(|user| user.is_active).map(SessionUser))
    }
}

/// The axum-login session type every server function extracts.
pub type AuthSession = axum_login::AuthSession<Backend>;

#[cfg(test)]
mod tests {
    use super::*;

    fn row(email: &str) -> UserRow {
        UserRow {
            id: UserId(uuid::Uuid::new_v4()),
            email: email.to_owned(),
            name: None,
            password_hash: "hash".to_owned(),
            is_active: true,
            timezone: None,
        }
    }

    #[test]
    fn a_handed_off_row_is_taken_once_by_its_user() {
        let handoff = UserHandoff::default();
        let (ann, bob) = (row("ann@example.com"), row("bob@example.com"));
        handoff.put(ann.clone());
        assert!(handoff.take(bob.id).is_none(), "another user's row is not handed over");
        assert_eq!(handoff.take(ann.id).map(|u| u.email), Some(ann.email.clone()));
        assert!(handoff.take(ann.id).is_none(), "taken once: the next request reads it again");
    }
}
