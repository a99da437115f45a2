//! Facebook Pages (Graph API): `POST /{page-id}/feed` with `message` (and `link`)
//! and the page's access token answers `{"id":"{page-id}_{post-id}"}`; the
//! permalink is the post's `permalink_url`; the first comment is
//! `POST /{post-id}/comments` with `message`.

use serde::Deserialize;

use super::{Account, PublishError, PublishRequest, Published, SocialApi};

#[derive(Deserialize)]
struct Created {
    id: String,
}

#[derive(Deserialize)]
struct Permalink {
    permalink_url: Option<String>,
}

pub async fn publish(
    api: &mut SocialApi<'_>,
    base: &str,
    account: &Account,
    request: &PublishRequest,
) -> Result<Published, PublishError> {
    let mut form = vec![("message", request.text.clone())];
    if let Some(link) = &request.link {
        form.push(("link", link.clone()));
    }
    let create =
        api.http().post(format!("{base}/{}/feed", account.platform_account_id)).form(&form);
    let response = api.create(create).await?;
    let created: Created = response.json().await.map_err(|e| api.unreadable(e))?;
    let id = created.id;
    // The permalink is a courtesy: a failure to read it does not undo the post.
    let read = api.http().get(format!("{base}/{id}")).query(&[("fields", "permalink_url")]);
    let permalink = match api.read(read).await {
        Ok(response) => response.json::<Permalink>().await.ok().and_then(|p| p.permalink_url),
        Err(_) => None,
    };
    let first_comment_error = match &request.first_comment {
        Some(comment) => {
            let post = api
                .http()
                .post(format!("{base}/{id}/comments"))
                .form(&[("message", comment.as_str())]);
            api.create(post).await.err().map(|e| e.to_string())
        }
        None => None,
    };
    Ok(Published { id, permalink, first_comment_error })
}
