//! Where media files live, through the `object_store` crate: a directory on this
//! machine by default (`AURA_MEDIA_DIR`, else `$AURA_DATA_DIR/media`), or an
//! S3-compatible bucket when `AURA_MEDIA_S3_BUCKET` is set (credentials, region and
//! endpoint from the standard `AWS_*` variables, as `object_store` reads them).

use std::path::PathBuf;
use std::sync::Arc;

use object_store::ObjectStore;
use object_store::local::LocalFileSystem;

use crate::server::env::{EnvError, Vars};

#[derive(Clone)]
pub struct MediaStore {
    pub store: Arc<dyn ObjectStore>,
    /// In words, for logs: the directory or the bucket.
    pub place: String,
}

impl std::fmt::Debug for MediaStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MediaStore").field("place", &self.place).finish()
    }
}

impl MediaStore {
    /// A directory on this machine (created when missing).
    pub fn local(dir: PathBuf) -> Result<Self, String> {
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let store = LocalFileSystem::new_with_prefix(&dir)
            .map_err(|e| format!("cannot use {}: {e}", dir.display()))?;
        Ok(Self { store: Arc::new(store), place: dir.display().to_string() })
    }

    /// Reads `AURA_MEDIA_S3_BUCKET`, `AURA_MEDIA_DIR` and `AURA_DATA_DIR`.
    pub fn from_vars(vars: Vars<'_>) -> Result<Self, EnvError> {
        if let Some(bucket) = vars.get("AURA_MEDIA_S3_BUCKET") {
            let store = object_store::aws::AmazonS3Builder::from_env()
                .with_bucket_name(&bucket)
                .build()
                .map_err(|e| EnvError::Invalid {
                    name: "AURA_MEDIA_S3_BUCKET",
                    reason: format!("the bucket cannot be used: {e}"),
                })?;
            return Ok(Self { store: Arc::new(store), place: format!("s3://{bucket}") });
        }
        let dir = vars.get("AURA_MEDIA_DIR").map(PathBuf::from).unwrap_or_else(|| {
            PathBuf::from(vars.get("AURA_DATA_DIR").unwrap_or_else(|| ".data".into())).join("media")
        });
        Self::local(dir).map_err(|reason| EnvError::Invalid { name: "AURA_MEDIA_DIR", reason })
    }
}
