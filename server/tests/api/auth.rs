//! Accounts against the real PostgreSQL: the session store on seed 004's `sessions`
//! table and axum-login's backend (argon2id passwords).

use std::collections::HashMap;

use app::contexts::auth::server::backend::{Backend, Credentials};
use app::contexts::auth::server::repo;
use app::contexts::auth::server::session_store::{AUTH_DATA_KEY, PgSessionStore, WORKSPACE_KEY};
use app::kernel::UserId;
use axum_login::AuthnBackend;
use serde_json::json;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};

use crate::helpers::PASSWORD;
use crate::helpers::fixtures::add_user;

async fn ana(pg: &PgPool) -> UserId {
    add_user(pg, "ana@northwind.example", "Ana Lopez", "Europe/Lisbon").await
}

fn record(data: HashMap<String, serde_json::Value>, expires_in: Duration) -> Record {
    Record { id: Id::default(), data, expiry_date: OffsetDateTime::now_utc() + expires_in }
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn sessions_round_trip_and_record_their_user(pg: PgPool) {
    let store = PgSessionStore::new(pg.clone());
    let ana = ana(&pg).await;
    let data = HashMap::from([
        (AUTH_DATA_KEY.to_owned(), json!({ "user_id": ana.to_string(), "auth_hash": [1, 2] })),
        (WORKSPACE_KEY.to_owned(), json!(null)),
    ]);
    let mut session = record(data, Duration::hours(1));
    store.create(&mut session).await.unwrap();

    let loaded = store.load(&session.id).await.unwrap().expect("stored");
    assert_eq!(loaded.data, session.data);
    assert_eq!(loaded.expiry_date.unix_timestamp(), session.expiry_date.unix_timestamp());
    let owner: Option<uuid::Uuid> =
        sqlx::query_scalar("SELECT user_id FROM sessions").fetch_one(&pg).await.unwrap();
    assert_eq!(owner, Some(ana.as_uuid()), "user_id is copied out of the session data");

    session.data.insert("flash".into(), json!("saved"));
    store.save(&session).await.unwrap();
    assert_eq!(store.load(&session.id).await.unwrap().unwrap().data["flash"], json!("saved"));

    store.delete(&session.id).await.unwrap();
    assert!(store.load(&session.id).await.unwrap().is_none());
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn expired_sessions_do_not_load_and_are_swept(pg: PgPool) {
    let store = PgSessionStore::new(pg.clone());
    let mut stale = record(HashMap::new(), Duration::seconds(-5));
    store.create(&mut stale).await.unwrap();
    assert!(store.load(&stale.id).await.unwrap().is_none());
    assert_eq!(store.delete_expired().await.unwrap(), 1);
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_user_can_end_their_other_sessions(pg: PgPool) {
    let store = PgSessionStore::new(pg.clone());
    let ana = ana(&pg).await;
    let signed_in =
        || HashMap::from([(AUTH_DATA_KEY.to_owned(), json!({ "user_id": ana.to_string() }))]);
    let mut here = record(signed_in(), Duration::hours(1));
    let mut there = record(signed_in(), Duration::hours(1));
    store.create(&mut here).await.unwrap();
    store.create(&mut there).await.unwrap();
    let ended = repo::delete_other_sessions(&pg, ana, &here.id.to_string()).await.unwrap();
    assert_eq!(ended, 1);
    assert!(store.load(&here.id).await.unwrap().is_some());
    assert!(store.load(&there.id).await.unwrap().is_none());
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn the_backend_checks_email_and_password(pg: PgPool) {
    let backend = Backend::new(pg.clone());
    let ana = ana(&pg).await;
    let creds = |email: &str, password: &str| Credentials {
        email: email.to_owned(),
        password: password.to_owned(),
    };

    let found = backend.authenticate(creds(" Ana@Northwind.Example", PASSWORD)).await;
    assert_eq!(found.unwrap().map(|u| u.0.id), Some(ana), "email case and spaces do not matter");
    assert!(
        backend
            .authenticate(creds("ana@northwind.example", "Granite kettle orbit"))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        backend.authenticate(creds("nobody@northwind.example", PASSWORD)).await.unwrap().is_none()
    );
    assert_eq!(backend.get_user(&ana).await.unwrap().map(|u| u.0.id), Some(ana));

    sqlx::query("UPDATE users SET is_active = false").execute(&pg).await.unwrap();
    assert!(
        backend.authenticate(creds("ana@northwind.example", PASSWORD)).await.unwrap().is_none()
    );
    assert!(backend.get_user(&ana).await.unwrap().is_none(), "a deactivated user is signed out");
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn a_session_user_never_prints_the_password_hash(pg: PgPool) {
    let ana = ana(&pg).await;
    let row = repo::find_user(&pg, ana).await.unwrap().unwrap();
    assert!(!format!("{row:?}").contains("argon2"));
}
