//! Password hashing with argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane, the
//! `argon2` crate's defaults). Hashing is deliberately slow, so it runs on the
//! blocking pool, never on the async threads.

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::error::AppError;

/// The PHC string (`$argon2id$v=19$...`) of `password` with a fresh random salt.
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|hash| hash.to_string())
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)
}

/// Whether `password` matches `stored`. A malformed stored hash never matches.
pub async fn verify(password: String, stored: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false)
    })
    .await
    .map_err(AppError::internal)
}

/// A real hash of a random password, made once, for [`verify_nothing`].
static DECOY: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(salt.as_str().as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
});

/// Spends the time of one verification, so that "no such email" takes as long as
/// "wrong password" and response times do not reveal which accounts exist.
pub async fn verify_nothing(password: String) -> Result<(), AppError> {
    let decoy = tokio::task::spawn_blocking(|| DECOY.clone()).await.map_err(AppError::internal)?;
    verify(password, decoy).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_salted_and_verify() {
        let first = hash("blue otter roasting".into()).await.unwrap();
        let second = hash("blue otter roasting".into()).await.unwrap();
        assert!(first.starts_with("$argon2id$"), "{first}");
        assert_ne!(first, second, "each hash has its own salt");
        assert!(verify("blue otter roasting".into(), first.clone()).await.unwrap());
        assert!(!verify("blue otter roastinG".into(), first).await.unwrap());
    }

    #[tokio::test]
    async fn a_malformed_hash_never_matches() {
        assert!(!verify("anything".into(), "not-a-hash".into()).await.unwrap());
        verify_nothing("anything".into()).await.unwrap();
        assert!(DECOY.starts_with("$argon2id$"), "the decoy is a real hash");
    }
}
