//! Password hashing with argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane, the
//! `argon2` crate's defaults). Hashing is deliberately slow, so it runs on the
//! blocking pool, never on the async threads, and at most one per core at a time:
//! a burst of sign-ins waits a moment for a turn, and past that answers "busy"
//! (429 with `Retry-After`) instead of holding 19 MiB per request in memory.

use std::sync::LazyLock;
use std::time::Duration;

use tokio::sync::{Semaphore, SemaphorePermit};

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::error::AppError;

/// How many hashes run at once: one per core the process may use.
static TURNS: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
});

/// How long a password check waits for a turn before answering "busy".
const WAIT_FOR_TURN: Duration = Duration::from_secs(3);
/// What "busy" tells the caller to wait, in seconds.
const BUSY_RETRY_SECONDS: u32 = 5;

/// A turn at hashing, or [`AppError::Busy`] after [`WAIT_FOR_TURN`].
async fn turn() -> Result<SemaphorePermit<'static>, AppError> {
    take_turn(&TURNS, WAIT_FOR_TURN).await
}

async fn take_turn(turns: &Semaphore, wait: Duration) -> Result<SemaphorePermit<'_>, AppError> {
    match tokio::time::timeout(wait, turns.acquire()).await {
        Ok(Ok(permit)) => Ok(permit),
        Ok(Err(closed)) => Err(AppError::internal(closed)),
        Err(_elapsed) => Err(AppError::Busy(BUSY_RETRY_SECONDS)),
    }
}

/// The PHC string (`$argon2id$v=19$...`) of `password` with a fresh random salt.
pub async fn hash(password: String) -> Result<String, AppError> {
    let _turn = turn().await?;
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
    let _turn = turn().await?;
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
    async fn a_burst_waits_for_turns_and_past_the_wait_is_told_busy() {
        let turns = Semaphore::new(1);
        let held = take_turn(&turns, WAIT_FOR_TURN).await.unwrap();
        // Every turn taken: the next one waits, then answers busy.
        let answer = take_turn(&turns, Duration::from_millis(50)).await;
        assert_eq!(answer.err(), Some(AppError::Busy(BUSY_RETRY_SECONDS)));
        drop(held);
        // A turn given back is taken at once.
        assert!(take_turn(&turns, Duration::from_millis(50)).await.is_ok());
        assert!(TURNS.available_permits() >= 1, "one turn per core, at least one");
    }

    #[tokio::test]
    async fn a_malformed_hash_never_matches() {
        assert!(!verify("anything".into(), "not-a-hash".into()).await.unwrap());
        verify_nothing("anything".into()).await.unwrap();
        assert!(DECOY.starts_with("$argon2id$"), "the decoy is a real hash");
    }
}
