//! MongoDB: the connection and the start-up creation of collections with their
//! indexes. Each context declares its own collections next to the code that uses
//! them (`contexts/*/server/collections.rs`, returning `CollectionSpec`s); the
//! composition root lists them all (`crate::root::collections::all`) and hands the
//! list to `ensure_collections` at start-up.

use std::time::Duration;

use mongodb::options::{ClientOptions, TimeseriesGranularity, TimeseriesOptions};
use mongodb::{Client, Database, IndexModel};

use super::Settings;

/// A collection and the indexes it must have.
pub struct CollectionSpec {
    pub name: &'static str,
    pub time_series: Option<TimeSeries>,
    pub indexes: Vec<IndexModel>,
}

/// A time-series collection: documents expire `expire_after` after `time_field`.
pub struct TimeSeries {
    pub time_field: &'static str,
    pub meta_field: &'static str,
    pub expire_after: Duration,
}

/// A client for `settings.mongodb_uri`, database `settings.mongodb_database`.
/// The driver connects lazily; server selection gives up after five seconds.
pub async fn connect(settings: &Settings) -> mongodb::error::Result<Database> {
    let mut options = ClientOptions::parse(settings.mongodb_uri.expose()).await?;
    options.app_name = Some("aura".to_owned());
    options.server_selection_timeout = Some(Duration::from_secs(5));
    options.connect_timeout = Some(Duration::from_secs(3));
    Ok(Client::with_options(options)?.database(&settings.mongodb_database))
}

/// Creates the missing collections of `specs` and their indexes. Safe to run on
/// every start and from several processes at once: existing collections and
/// identical indexes are left as they are.
pub async fn ensure_collections(
    db: &Database,
    specs: &[CollectionSpec],
) -> mongodb::error::Result<()> {
    let existing = db.list_collection_names().await?;
    for spec in specs {
        if !existing.iter().any(|name| name == spec.name) {
            create_collection(db, spec).await?;
        }
        if !spec.indexes.is_empty() {
            db.collection::<mongodb::bson::Document>(spec.name)
                .create_indexes(spec.indexes.iter().cloned())
                .await?;
        }
    }
    Ok(())
}

async fn create_collection(db: &Database, spec: &CollectionSpec) -> mongodb::error::Result<()> {
    let mut create = db.create_collection(spec.name);
    if let Some(ts) = &spec.time_series {
        let options = TimeseriesOptions::builder()
            .time_field(ts.time_field.to_owned())
            .meta_field(Some(ts.meta_field.to_owned()))
            .granularity(Some(TimeseriesGranularity::Hours))
            .build();
        create = create.timeseries(options).expire_after_seconds(ts.expire_after);
    }
    match create.await {
        Ok(()) => Ok(()),
        // Another process created it between our listing and our create.
        Err(err) if server_code(&err) == Some(NAMESPACE_EXISTS) => Ok(()),
        Err(err) => Err(err),
    }
}

const NAMESPACE_EXISTS: i32 = 48;
const DUPLICATE_KEY: i32 = 11000;

fn server_code(err: &mongodb::error::Error) -> Option<i32> {
    use mongodb::error::{ErrorKind, WriteFailure};
    match err.kind.as_ref() {
        ErrorKind::Command(command) => Some(command.code),
        ErrorKind::Write(WriteFailure::WriteError(write)) => Some(write.code),
        ErrorKind::InsertMany(insert) => {
            insert.write_errors.as_ref()?.first().map(|write| write.code)
        }
        _ => None,
    }
}

/// True when a write failed on a unique index.
pub fn is_duplicate_key(err: &mongodb::error::Error) -> bool {
    server_code(err) == Some(DUPLICATE_KEY)
}

/// True when every write of an unordered insert that failed, failed on a
/// duplicate key (the documents were there already), and nothing else did.
pub fn only_duplicate_keys(err: &mongodb::error::Error) -> bool {
    use mongodb::error::ErrorKind;
    match err.kind.as_ref() {
        ErrorKind::InsertMany(insert) => {
            insert.write_concern_error.is_none()
                && insert
                    .write_errors
                    .as_ref()
                    .is_some_and(|errors| errors.iter().all(|e| e.code == DUPLICATE_KEY))
        }
        _ => is_duplicate_key(err),
    }
}

/// An index over `keys`, named `name` so that re-creating it is a no-op.
pub fn index(name: &str, keys: mongodb::bson::Document) -> IndexModel {
    IndexModel::builder()
        .keys(keys)
        .options(mongodb::options::IndexOptions::builder().name(name.to_owned()).build())
        .build()
}

/// A unique index over `keys`.
pub fn unique_index(name: &str, keys: mongodb::bson::Document) -> IndexModel {
    let options =
        mongodb::options::IndexOptions::builder().name(name.to_owned()).unique(true).build();
    IndexModel::builder().keys(keys).options(options).build()
}

/// A TTL index: documents expire `after` their `field` date.
pub fn ttl_index(name: &str, field: &str, after: Duration) -> IndexModel {
    let options =
        mongodb::options::IndexOptions::builder().name(name.to_owned()).expire_after(after).build();
    IndexModel::builder().keys(mongodb::bson::doc! { field: 1 }).options(options).build()
}
