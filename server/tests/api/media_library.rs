//! The media library through the router: several files uploaded at once
//! (`multipart/form-data`), each checked by its content (a text file named .png
//! is refused with its reason, the others kept), an image's size read and a
//! thumbnail made, a video's duration and size read from its MP4 boxes; filters;
//! a post carrying files in the order chosen; other workspaces see none of it;
//! deleting removes the stored file.

use std::io::Cursor;

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use serde_json::json;
use sqlx::PgPool;
use tower::ServiceExt;

use crate::helpers::{Actor, TestApp, location};

fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_pixel(width, height, image::Rgb([181, 101, 29]));
    let mut out = Vec::new();
    picture.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

fn gif() -> Vec<u8> {
    let picture = image::RgbaImage::from_pixel(320, 240, image::Rgba([20, 90, 160, 255]));
    let mut out = Vec::new();
    picture.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Gif).unwrap();
    out
}

/// Posts files (and fields) as a browser's upload form does.
async fn upload(
    app: &TestApp,
    who: &Actor,
    files: &[(&str, Vec<u8>)],
    fields: &[(&str, &str)],
) -> crate::helpers::Reply {
    let boundary = "----AuraTestBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (filename, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let request = Request::post("/api/media/upload")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .header(header::ACCEPT, "application/json")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, &who.cookie)
        .body(Body::from(body))
        .unwrap();
    crate::helpers::send(&app.router, request).await
}

/// A file's bytes and type as the browser gets them.
async fn download(app: &TestApp, who: &Actor, url: &str) -> (u16, String, Vec<u8>) {
    let request =
        Request::get(url).header(header::COOKIE, &who.cookie).body(Body::empty()).unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, kind, bytes)
}

async fn library(app: &TestApp, who: &Actor, filters: &[(&str, &str)]) -> serde_json::Value {
    let reply = app.post("/api/media/list", filters, who).await;
    assert!(reply.ok(), "{}", reply.body);
    reply.json()
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn files_are_checked_by_content_inspected_and_kept_per_workspace(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let editor = app.editor().await;
    let reply = upload(
        &app,
        editor,
        &[
            ("roastery.png", png(1600, 900)),
            ("pour.gif", gif()),
            ("notes.png", b"Remember: the holiday blend ships Monday.".to_vec()),
            ("teaser.mp4", crate::helpers::files::mp4()),
        ],
        &[("folder", "Holiday 2026"), ("tags", "winter, #Product, winter")],
    )
    .await;
    assert_eq!(location(&reply), "/media", "{} {}", reply.status, reply.body);

    let page = library(&app, editor, &[]).await;
    assert_eq!(page["report"]["added"], json!(["roastery.png", "pour.gif", "teaser.mp4"]));
    let refused = &page["report"]["refused"][0];
    assert_eq!(refused[0], "notes.png");
    assert!(refused[1].as_str().unwrap().contains("not an image or a video"), "{refused}");
    assert!(library(&app, editor, &[]).await["report"].is_null(), "said once");
    assert_eq!(page["total"], 3);
    let item = |name: &str| {
        page["items"].as_array().unwrap().iter().find(|i| i["filename"] == name).unwrap().clone()
    };
    let picture = item("roastery.png");
    assert_eq!(
        (picture["kind"].clone(), picture["width"].clone(), picture["height"].clone()),
        (json!("image"), json!(1600), json!(900))
    );
    assert_eq!(picture["folder"], "Holiday 2026");
    assert_eq!(picture["tags"], json!(["winter", "Product"]));
    assert_eq!(item("pour.gif")["kind"], "gif");
    let video = item("teaser.mp4");
    assert_eq!((video["kind"].clone(), video["duration"].clone()), (json!("video"), json!(3)));
    assert_eq!((video["width"].clone(), video["height"].clone()), (json!(640), json!(360)));
    assert!(video["thumbnail_url"].is_null(), "no thumbnail is made of a video");

    // The thumbnail is a JPEG of at most 400 pixels; the original comes back as sent.
    let thumb_url = picture["thumbnail_url"].as_str().unwrap();
    let (status, kind, bytes) = download(&app, editor, thumb_url).await;
    assert_eq!((status, kind.as_str()), (200, "image/jpeg"));
    let thumb = image::load_from_memory(&bytes).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (400, 225));
    let (status, kind, bytes) = download(&app, editor, picture["url"].as_str().unwrap()).await;
    assert_eq!((status, kind.as_str(), bytes), (200, "image/png", png(1600, 900)));

    // Filters: by kind, folder, a word of the name or a tag.
    assert_eq!(library(&app, editor, &[("filters[kind]", "video")]).await["total"], 1);
    assert_eq!(library(&app, editor, &[("filters[q]", "product")]).await["total"], 3);
    assert_eq!(library(&app, editor, &[("filters[q]", "roast")]).await["total"], 1);
    assert_eq!(library(&app, editor, &[("filters[folder]", "Elsewhere")]).await["total"], 0);

    // Another workspace sees, reads and changes none of it.
    let outsider = app.outsider().await;
    assert_eq!(library(&app, outsider, &[]).await["total"], 0);
    assert_eq!(download(&app, outsider, picture["url"].as_str().unwrap()).await.0, 404);
    let id = picture["id"].as_str().unwrap().to_owned();
    let theirs = app.post("/api/media/delete", &[("media_id", &id)], outsider).await;
    assert_eq!(theirs.status, 404);
    let theirs = app.post("/api/media/update", &[("media_id", &id), ("tags", "x")], outsider).await;
    assert_eq!(theirs.status, 404);
    // Viewers read but do not upload; editors do not delete.
    assert_eq!(upload(&app, app.viewer().await, &[("a.png", png(2, 2))], &[]).await.status, 403);
    assert_eq!(app.post("/api/media/delete", &[("media_id", &id)], editor).await.status, 403);

    // A post carries files in the order chosen.
    let gif_id = item("pour.gif")["id"].as_str().unwrap().to_owned();
    let saved = app
        .post(
            "/api/posts/save",
            &[
                ("post_id", ""),
                ("post[text]", "Winter is here"),
                (&format!("post[media.{id}]"), "on"),
                (&format!("post[order.{id}]"), "2"),
                (&format!("post[media.{gif_id}]"), "on"),
                (&format!("post[order.{gif_id}]"), "1"),
                ("post[intent]", "draft"),
            ],
            editor,
        )
        .await;
    let post = location(&saved).trim_start_matches("/posts/").to_owned();
    let composer = app.post("/api/posts/composer", &[("post_id", &post)], editor).await.json();
    assert_eq!(composer["media"], json!([gif_id, id]));
    assert_eq!(library(&app, editor, &[("filters[q]", "roast")]).await["items"][0]["used_by"], 1);

    // Deleting removes the stored file and the post's use of it.
    let owner = app.owner().await;
    let deleted = app.post("/api/media/delete", &[("media_id", &id)], owner).await;
    assert!(deleted.ok(), "{}", deleted.body);
    assert_eq!(download(&app, owner, picture["url"].as_str().unwrap()).await.0, 404);
    let composer = app.post("/api/posts/composer", &[("post_id", &post)], editor).await.json();
    assert_eq!(composer["media"], json!([gif_id]));
}

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn an_upload_without_files_says_so(pg: PgPool) {
    let app = TestApp::new(pg).await;
    let owner = app.owner().await;
    let reply = upload(&app, owner, &[], &[("folder", "")]).await;
    assert_eq!(location(&reply), "/media");
    let page = library(&app, owner, &[]).await;
    assert_eq!(page["report"]["refused"][0][1], "Choose at least one file to upload.");
}
