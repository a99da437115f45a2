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

#[derive(Clone, Debug)]
pub struct Backend {
    pg: PgPool,
}

impl Backend {
    pub fn new(pg: PgPool) -> Self {
        Self { pg }
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
        let user = repo::find_user(&self.pg, *id).await?;
        Ok(user.filter(|user| user.is_active).map(SessionUser))
    }
}

/// The axum-login session type every server function extracts.
pub type AuthSession = axum_login::AuthSession<Backend>;
