//! The media library: files are checked by their content, not their name
//! (`infer` reads the magic bytes), their size is held to the kind's limit,
//! images' and GIFs' dimensions are read and a thumbnail made on the server (the
//! `image` crate), a video's duration and size are read from its MP4/MOV boxes
//! (the `mp4` crate); the file is stored through `object_store`
//! (`media_store.rs`) under `media/{workspace}/{id}/`, and only members of the
//! workspace read it back.

use std::io::Cursor;

use bytes::Bytes;
use object_store::ObjectStore;
use object_store::path::Path as ObjectPath;
use sqlx::PgPool;

use super::media_repo::{self, Filter, MediaRow, NewMedia};
use super::media_store::MediaStore;
use crate::contexts::auth::server::guard::Member;
use crate::contexts::content::rules::{human_size, media_size_limit};
use crate::contexts::content::types::{
    MediaAsset, MediaFilters, MediaKind, MediaLibrary, UploadReport,
};
use crate::error::AppError;
use crate::kernel::{Action, MediaId, Permission, Resource, WorkspaceId};
use crate::server::AppState;

/// Files a library page shows.
pub const PER_PAGE: i64 = 24;
/// The longest side of a thumbnail, in pixels.
const THUMB_SIDE: u32 = 400;

/// What a file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sniffed {
    pub kind: MediaKind,
    pub mime: &'static str,
    pub extension: &'static str,
}

/// What the file's bytes are, whatever its name says.
pub fn sniff(bytes: &[u8]) -> Result<Sniffed, String> {
    let found = infer::get(bytes);
    let (kind, mime, extension) = match found.map(|t| t.mime_type()) {
        Some("image/jpeg") => (MediaKind::Image, "image/jpeg", "jpg"),
        Some("image/png") => (MediaKind::Image, "image/png", "png"),
        Some("image/webp") => (MediaKind::Image, "image/webp", "webp"),
        Some("image/gif") => (MediaKind::Gif, "image/gif", "gif"),
        Some("video/mp4") => (MediaKind::Video, "video/mp4", "mp4"),
        Some("video/quicktime") => (MediaKind::Video, "video/quicktime", "mov"),
        Some(other) => {
            return Err(format!(
                "is a {other} file; the library takes JPEG, PNG, WebP and GIF images and MP4 or MOV videos"
            ));
        }
        None => {
            return Err(
                "is not an image or a video (its content is neither, whatever its name says)"
                    .to_owned(),
            );
        }
    };
    Ok(Sniffed { kind, mime, extension })
}

/// What was read from the file itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inspected {
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub duration: Option<i32>,
    /// A JPEG no larger than [`THUMB_SIDE`] (images and GIFs).
    pub thumbnail: Option<Vec<u8>>,
}

/// Reads the dimensions (and a video's duration) and makes a thumbnail.
pub fn inspect(kind: MediaKind, bytes: &[u8]) -> Result<Inspected, String> {
    match kind {
        MediaKind::Image | MediaKind::Gif => {
            let picture = image::load_from_memory(bytes)
                .map_err(|e| format!("could not be read as an image ({e})"))?;
            let thumb = picture.thumbnail(THUMB_SIDE, THUMB_SIDE).to_rgb8();
            let mut jpeg = Vec::new();
            thumb
                .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
                .map_err(|e| format!("could not be made into a thumbnail ({e})"))?;
            Ok(Inspected {
                width: Some(picture.width()),
                height: Some(picture.height()),
                duration: None,
                thumbnail: Some(jpeg),
            })
        }
        MediaKind::Video => {
            let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
            let reader = mp4::Mp4Reader::read_header(Cursor::new(bytes), size)
                .map_err(|e| format!("could not be read as an MP4 or MOV video ({e})"))?;
            let video = reader
                .tracks()
                .values()
                .find(|t| matches!(t.track_type(), Ok(mp4::TrackType::Video)));
            let seconds = reader.duration().as_secs_f64().round();
            Ok(Inspected {
                width: video.map(|t| u32::from(t.width())),
                height: video.map(|t| u32::from(t.height())),
                duration: Some(seconds.clamp(0.0, f64::from(i32::MAX)) as i32),
                thumbnail: None,
            })
        }
    }
}

fn key(workspace: WorkspaceId, id: MediaId, name: &str) -> ObjectPath {
    ObjectPath::from(format!("media/{workspace}/{id}/{name}"))
}

fn asset(row: MediaRow) -> Option<MediaAsset> {
    let kind = MediaKind::parse(&row.kind)?;
    let dim = |name: &str| {
        row.dimensions
            .as_ref()
            .and_then(|d| d.get(name))
            .and_then(|v| v.as_u64())
            .and_then(|v| u32::try_from(v).ok())
    };
    let has_thumb = row.metadata.get("thumbnail").and_then(|t| t.as_str()).is_some();
    Some(MediaAsset {
        id: row.id,
        kind,
        width: dim("width"),
        height: dim("height"),
        url: format!("/api/media/file?id={}", row.id),
        thumbnail_url: has_thumb.then(|| format!("/api/media/file?id={}&thumb=true", row.id)),
        filename: row.filename,
        size: row.size,
        duration: row.duration,
        tags: row.tags,
        folder: row.folder,
        created_at: row.created_at,
        used_by: row.used_by,
    })
}

/// Tags typed as "summer, Launch ,#sale": trimmed, without `#`, each once, at most 20.
pub fn read_tags(raw: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.split(',').map(|t| t.trim().trim_start_matches('#').trim()) {
        if !tag.is_empty()
            && tag.chars().count() <= 50
            && !tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
        {
            tags.push(tag.to_owned());
        }
    }
    tags.truncate(20);
    tags
}

fn read_folder(raw: &str) -> Option<String> {
    let folder: String = raw.trim().chars().take(100).collect();
    (!folder.is_empty()).then_some(folder)
}

/// One file as it arrived.
pub struct Upload {
    pub filename: String,
    pub bytes: Bytes,
}

/// Checks and stores each file; a refused file is named with its reason and the
/// others are kept.
pub async fn upload(
    state: &AppState,
    member: &Member,
    files: Vec<Upload>,
    folder: &str,
    tags: &str,
) -> Result<UploadReport, AppError> {
    member.check(Permission::new(Resource::Content, Action::Create))?;
    let store = state.config::<MediaStore>()?;
    let (folder, tags) = (read_folder(folder), read_tags(tags));
    let mut report = UploadReport::default();
    if files.is_empty() {
        report.refused.push((String::new(), "Choose at least one file to upload.".to_owned()));
    }
    for file in files {
        let name: String = file.filename.trim().chars().take(200).collect();
        let name = if name.is_empty() { "Untitled".to_owned() } else { name };
        match store_one(
            state,
            &store,
            member.workspace,
            &file.bytes,
            &name,
            folder.as_deref(),
            &tags,
        )
        .await
        {
            Ok(()) => report.added.push(name),
            Err(Refusal::Said(reason)) => report.refused.push((name, reason)),
            Err(Refusal::Fault(e)) => return Err(e),
        }
    }
    Ok(report)
}

enum Refusal {
    Said(String),
    Fault(AppError),
}

async fn store_one(
    state: &AppState,
    store: &MediaStore,
    workspace: WorkspaceId,
    bytes: &Bytes,
    name: &str,
    folder: Option<&str>,
    tags: &[String],
) -> Result<(), Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Said("is empty".into()));
    }
    let sniffed = sniff(bytes).map_err(Refusal::Said)?;
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    let limit = media_size_limit(sniffed.kind);
    if size > limit {
        return Err(Refusal::Said(format!(
            "is {}; a {} may be at most {}",
            human_size(size),
            sniffed.kind.label().to_lowercase(),
            human_size(limit)
        )));
    }
    let data = bytes.clone();
    let kind = sniffed.kind;
    let inspected = tokio::task::spawn_blocking(move || inspect(kind, &data))
        .await
        .map_err(|e| Refusal::Fault(AppError::internal(e)))?
        .map_err(Refusal::Said)?;
    let id = MediaId(uuid::Uuid::new_v4());
    let original = format!("original.{}", sniffed.extension);
    let put = |path: ObjectPath, body: Bytes| {
        let store = store.store.clone();
        async move { store.put(&path, body.into()).await }
    };
    put(key(workspace, id, &original), bytes.clone())
        .await
        .map_err(|e| Refusal::Fault(AppError::internal(e)))?;
    if let Some(thumb) = &inspected.thumbnail {
        put(key(workspace, id, "thumb.jpg"), Bytes::from(thumb.clone()))
            .await
            .map_err(|e| Refusal::Fault(AppError::internal(e)))?;
    }
    let dimensions = match (inspected.width, inspected.height) {
        (Some(w), Some(h)) => Some(serde_json::json!({ "width": w, "height": h })),
        _ => None,
    };
    let url = format!("/api/media/file?id={id}");
    let thumb_url = inspected.thumbnail.is_some().then(|| format!("{url}&thumb=true"));
    let mut metadata = serde_json::json!({ "mime": sniffed.mime, "original": original });
    if inspected.thumbnail.is_some() {
        metadata["thumbnail"] = serde_json::json!("thumb.jpg");
    }
    media_repo::insert(
        &state.pg,
        workspace,
        &NewMedia {
            id,
            kind: sniffed.kind.as_str(),
            url: &url,
            thumbnail_url: thumb_url.as_deref(),
            filename: name,
            size,
            dimensions,
            duration: inspected.duration,
            metadata,
            tags,
            folder,
        },
    )
    .await
    .map_err(|e| Refusal::Fault(e.into()))?;
    Ok(())
}

/// The library page.
pub async fn library(
    pg: &PgPool,
    member: &Member,
    filters: MediaFilters,
    report: Option<UploadReport>,
) -> Result<MediaLibrary, AppError> {
    member.check(Permission::new(Resource::Content, Action::Read))?;
    let q = Some(filters.q.trim()).filter(|q| !q.is_empty());
    let filter = Filter {
        kind: MediaKind::parse(filters.kind.trim()).map(MediaKind::as_str),
        folder: Some(filters.folder.as_str()).filter(|f| !f.is_empty()),
        q,
    };
    let total = media_repo::count(pg, member.workspace, &filter).await?;
    let pages = u32::try_from((total + PER_PAGE - 1) / PER_PAGE).unwrap_or(1).max(1);
    let page = filters.page.clamp(1, pages);
    let offset = i64::from(page - 1) * PER_PAGE;
    let (rows, folders) = tokio::try_join!(
        media_repo::list(pg, member.workspace, &filter, PER_PAGE, offset),
        media_repo::folders(pg, member.workspace)
    )?;
    Ok(MediaLibrary {
        items: rows.into_iter().filter_map(asset).collect(),
        folders,
        filters,
        page,
        pages,
        total,
        can_upload: member.can(Permission::new(Resource::Content, Action::Create)),
        can_delete: member.can(Permission::new(Resource::Content, Action::Delete)),
        report,
    })
}

/// Every file of the workspace, newest first, for the composer's picker.
pub async fn all_of(pg: &PgPool, workspace: WorkspaceId) -> Result<Vec<MediaAsset>, AppError> {
    let filter = Filter { kind: None, folder: None, q: None };
    Ok(media_repo::list(pg, workspace, &filter, 500, 0)
        .await?
        .into_iter()
        .filter_map(asset)
        .collect())
}

/// A post's media in order.
pub async fn of_post(
    pg: &PgPool,
    workspace: WorkspaceId,
    post: crate::kernel::PostId,
) -> Result<Vec<MediaAsset>, AppError> {
    Ok(media_repo::of_post(pg, workspace, post).await?.into_iter().filter_map(asset).collect())
}

/// Changes a file's tags and folder.
pub async fn update(
    pg: &PgPool,
    member: &Member,
    id: MediaId,
    tags: &str,
    folder: &str,
) -> Result<(), AppError> {
    member.check(Permission::new(Resource::Content, Action::Update))?;
    let tags = read_tags(tags);
    if !media_repo::update(pg, member.workspace, id, &tags, read_folder(folder).as_deref()).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Deletes a file and its stored copies; the posts that used it lose it.
pub async fn delete(state: &AppState, member: &Member, id: MediaId) -> Result<(), AppError> {
    member.check(Permission::new(Resource::Content, Action::Delete))?;
    let row = media_repo::find(&state.pg, member.workspace, id).await?.ok_or(AppError::NotFound)?;
    media_repo::delete(&state.pg, member.workspace, id).await?;
    let store = state.config::<MediaStore>()?;
    for name in ["original", "thumbnail"] {
        if let Some(file) = row.metadata.get(name).and_then(|v| v.as_str()) {
            // The row is gone; a copy left behind is only logged.
            if let Err(e) = store.store.delete(&key(member.workspace, id, file)).await {
                tracing::warn!(error = %e, "could not delete a media file");
            }
        }
    }
    Ok(())
}

/// A file's bytes and type, for members of its workspace.
pub async fn file(
    state: &AppState,
    member: &Member,
    id: MediaId,
    thumbnail: bool,
) -> Result<(Bytes, String), AppError> {
    member.check(Permission::new(Resource::Content, Action::Read))?;
    let row = media_repo::find(&state.pg, member.workspace, id).await?.ok_or(AppError::NotFound)?;
    let (name, mime) = if thumbnail {
        (row.metadata.get("thumbnail").and_then(|v| v.as_str()), Some("image/jpeg"))
    } else {
        (
            row.metadata.get("original").and_then(|v| v.as_str()),
            row.metadata.get("mime").and_then(|v| v.as_str()),
        )
    };
    let (Some(name), Some(mime)) = (name, mime) else { return Err(AppError::NotFound) };
    let store = state.config::<MediaStore>()?;
    let found = store.store.get(&key(member.workspace, id, name)).await.map_err(|e| match e {
        object_store::Error::NotFound { .. } => AppError::NotFound,
        other => AppError::internal(other),
    })?;
    let bytes = found.bytes().await.map_err(AppError::internal)?;
    Ok((bytes, mime.to_owned()))
}

/// How long a link handed to a platform works.
pub const LINK_MINUTES: i64 = 60;

fn link_message(workspace: WorkspaceId, id: MediaId, expires: i64, jpeg: bool) -> String {
    format!("media:{workspace}:{id}:{expires}:{}", if jpeg { "jpeg" } else { "original" })
}

/// A link to the file that works without signing in until it expires, for a
/// platform that fetches the file itself (`jpeg`: an image re-encoded as JPEG).
pub fn signed_url(
    keyring: &crate::server::crypto::Keyring,
    public_url: &str,
    workspace: WorkspaceId,
    id: MediaId,
    jpeg: bool,
) -> String {
    let expires = (chrono::Utc::now() + chrono::Duration::minutes(LINK_MINUTES)).timestamp();
    let signature = keyring.sign(&link_message(workspace, id, expires, jpeg));
    let as_jpeg = if jpeg { "&jpeg=true" } else { "" };
    format!(
        "{public_url}/api/media/public?w={workspace}&id={id}&exp={expires}{as_jpeg}&sig={signature}"
    )
}

/// The file behind a signed link, or not found when the link is altered,
/// expired, or its file gone.
pub async fn public_file(
    state: &AppState,
    workspace: WorkspaceId,
    id: MediaId,
    expires: i64,
    jpeg: bool,
    signature: &str,
) -> Result<(Bytes, String), AppError> {
    let message = link_message(workspace, id, expires, jpeg);
    if expires < chrono::Utc::now().timestamp() || !state.keyring.verify(&message, signature) {
        return Err(AppError::NotFound);
    }
    let row = media_repo::find(&state.pg, workspace, id).await?.ok_or(AppError::NotFound)?;
    let name = row.metadata.get("original").and_then(|v| v.as_str()).ok_or(AppError::NotFound)?;
    let mime =
        row.metadata.get("mime").and_then(|v| v.as_str()).unwrap_or("application/octet-stream");
    let store = state.config::<MediaStore>()?;
    let found = store.store.get(&key(workspace, id, name)).await.map_err(|e| match e {
        object_store::Error::NotFound { .. } => AppError::NotFound,
        other => AppError::internal(other),
    })?;
    let bytes = found.bytes().await.map_err(AppError::internal)?;
    if !jpeg || mime == "image/jpeg" {
        return Ok((bytes, mime.to_owned()));
    }
    let jpeg = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, String> {
        let picture = image::load_from_memory(&bytes).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        picture
            .to_rgb8()
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
            .map_err(|e| e.to_string())?;
        Ok(out)
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)?;
    Ok((Bytes::from(jpeg), "image/jpeg".to_owned()))
}

/// The upload form's parts: its files (`files`, several; an empty file field is
/// skipped), `folder` and `tags`.
pub async fn read_upload(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<(Vec<Upload>, String, String), AppError> {
    let mut multipart = data.into_inner().ok_or_else(|| AppError::internal("no multipart body"))?;
    let (mut files, mut folder, mut tags) = (Vec::new(), String::new(), String::new());
    let unreadable =
        |_| AppError::invalid("files", "The upload was cut off or could not be read. Try again.");
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or_default() {
            "files" => {
                let filename = field.file_name().unwrap_or_default().to_owned();
                let bytes = field.bytes().await.map_err(unreadable)?;
                if !(filename.is_empty() && bytes.is_empty()) {
                    files.push(Upload { filename, bytes });
                }
            }
            "folder" => folder = field.text().await.map_err(unreadable)?,
            "tags" => tags = field.text().await.map_err(unreadable)?,
            _ => {}
        }
    }
    Ok((files, folder, tags))
}

/// Why a post's files could not be made ready for the publisher.
#[derive(Debug)]
pub enum Loading {
    Db(sqlx::Error),
    /// A file missing from the store, or the store unreachable: in words.
    File(String),
}

/// A post's files in order as the publisher sends them (`only`: a target's own
/// choice and order of them): signed links (and for an image that is not a JPEG
/// a link to its JPEG copy too), and their bytes when `store` is given (for the
/// platforms that take the bytes themselves).
pub async fn for_publishing(
    pg: &PgPool,
    keyring: &crate::server::crypto::Keyring,
    public_url: &str,
    store: Option<&MediaStore>,
    workspace: WorkspaceId,
    post: crate::kernel::PostId,
    only: Option<&[MediaId]>,
) -> Result<Vec<crate::contexts::integrations::server::social::PublishMedia>, Loading> {
    use crate::contexts::integrations::server::social::{
        FileBytes, PublishMedia, PublishMediaKind,
    };
    let mut rows = media_repo::of_post(pg, workspace, post).await.map_err(Loading::Db)?;
    if let Some(only) = only {
        // The target's own choice and order of the post's files.
        rows = only.iter().filter_map(|id| rows.iter().find(|r| r.id == *id).cloned()).collect();
    }
    let mut media = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(kind) = MediaKind::parse(&row.kind) else { continue };
        let kind = match kind {
            MediaKind::Image => PublishMediaKind::Image,
            MediaKind::Gif => PublishMediaKind::Gif,
            MediaKind::Video => PublishMediaKind::Video,
        };
        let text = |field: &str| row.metadata.get(field).and_then(|m| m.as_str());
        let mime = text("mime").unwrap_or("application/octet-stream").to_owned();
        let bytes = match (store, text("original")) {
            (Some(store), Some(name)) => {
                let found = store.store.get(&key(workspace, row.id, name)).await;
                let read = match found {
                    Ok(found) => found.bytes().await,
                    Err(e) => Err(e),
                };
                Some(FileBytes(read.map_err(|e| {
                    tracing::warn!(error = %e, file = %row.id, "a post's file could not be read");
                    Loading::File(format!(
                        "The file {} could not be read from the media library; Aura will try again.",
                        row.filename
                    ))
                })?))
            }
            _ => None,
        };
        media.push(PublishMedia {
            kind,
            jpeg_url: (kind == PublishMediaKind::Image && mime != "image/jpeg")
                .then(|| signed_url(keyring, public_url, workspace, row.id, true)),
            mime,
            url: signed_url(keyring, public_url, workspace, row.id, false),
            bytes,
        });
    }
    Ok(media)
}

/// Stores a file made on the server (the demo's pictures) as an upload would.
pub async fn add_generated(
    state: &AppState,
    workspace: WorkspaceId,
    name: &str,
    bytes: Bytes,
    folder: Option<&str>,
    tags: &[String],
) -> Result<(), AppError> {
    let store = state.config::<MediaStore>()?;
    match store_one(state, &store, workspace, &bytes, name, folder, tags).await {
        Ok(()) => Ok(()),
        Err(Refusal::Said(reason)) => Err(AppError::internal(format!("{name} {reason}"))),
        Err(Refusal::Fault(e)) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = image::RgbImage::from_pixel(width, height, image::Rgb([200, 120, 40]));
        let mut out = Vec::new();
        picture.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn files_are_known_by_their_content_not_their_name() {
        let found = sniff(&png(4, 3)).unwrap();
        assert_eq!((found.kind, found.mime), (MediaKind::Image, "image/png"));
        assert_eq!(sniff(b"GIF89a\x01\x00\x01\x00").unwrap().kind, MediaKind::Gif);
        let text = sniff(b"just some text pretending to be holiday.png").unwrap_err();
        assert!(text.contains("not an image or a video"), "{text}");
        let pdf = sniff(b"%PDF-1.7\n").unwrap_err();
        assert!(pdf.contains("application/pdf"), "{pdf}");
    }

    #[test]
    fn an_image_gives_its_size_and_a_small_thumbnail() {
        let inspected = inspect(MediaKind::Image, &png(1600, 900)).unwrap();
        assert_eq!((inspected.width, inspected.height), (Some(1600), Some(900)));
        let thumb = image::load_from_memory(&inspected.thumbnail.unwrap()).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (400, 225));
        let broken = inspect(MediaKind::Image, b"\x89PNG\r\n\x1a\nbroken").unwrap_err();
        assert!(broken.starts_with("could not be read as an image"), "{broken}");
    }

    #[test]
    fn tags_are_trimmed_and_kept_once() {
        assert_eq!(read_tags(" summer, #Sale ,summer,, SALE"), ["summer", "Sale"]);
        assert!(read_tags("").is_empty());
    }
}
