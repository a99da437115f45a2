//! How the built site (WASM, JS, CSS, public files) travels: compressed and
//! revalidated.
//!
//! - `cargo leptos build --release --precompress` writes a brotli (`.br`) and a
//!   gzip (`.gz`) copy beside every file of the site; the static-file fallback
//!   sends the one the browser accepts (`Accept-Encoding`), brotli first.
//! - Anything else that is compressible (pages, server-function answers, and a
//!   site file built without `--precompress`) is compressed on the fly at a fast
//!   level; a response that is already encoded is left as it is.
//! - Files from disk keep their names from build to build (the split WASM chunks
//!   included: content-hashed names are off, cargo-leptos issue #680), so they are
//!   sent with `Cache-Control: no-cache`: the browser keeps them and revalidates
//!   each use with `If-Modified-Since`, getting `304 Not Modified` until the next
//!   build. A stale bundle can never meet a newer server.

use std::path::Path;

use axum::http::{HeaderValue, header};
use axum::response::Response;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;

/// The built bundle (`/pkg`: JS, WASM chunks, CSS) straight from disk, with the
/// request's own headers, so `If-Modified-Since` gets its `304` (the generic Leptos
/// fallback copies only the path and `Accept-Encoding`). A missing file is a plain
/// 404.
pub fn pkg_service(site_root: &str, pkg_dir: &str) -> ServeDir {
    ServeDir::new(Path::new(site_root).join(pkg_dir)).precompressed_br().precompressed_gzip()
}

/// Compresses what is not compressed yet (brotli, else gzip), at a level fast
/// enough to run per response.
pub fn compression_layer() -> CompressionLayer {
    CompressionLayer::new().br(true).gzip(true).quality(CompressionLevel::Precise(4))
}

/// `Cache-Control: no-cache` on every file served from the site directory (they
/// carry `Last-Modified`; rendered pages and server functions do not).
pub async fn revalidate_files(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if headers.contains_key(header::LAST_MODIFIED) && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}
