//! One account's API session for publishing: the token where the platform wants
//! it, and every failure sorted as `PublishError` from the platform's documented
//! answers (status, rate-limit headers, error body).

use std::time::Duration;

use chrono::Utc;
use reqwest::header::HeaderMap;
use reqwest::{RequestBuilder, Response, StatusCode};

use super::PublishError;
use crate::contexts::integrations::server::error::platform_message;
use crate::server::Secret;

/// The wait when a platform limits without saying for how long.
const DEFAULT_WAIT: Duration = Duration::from_secs(15 * 60);

/// How long one request carrying a file's bytes may take (the client's own
/// limit is a minute, too short for 100 MB on a slow line).
pub const UPLOAD_TIMEOUT: Duration = Duration::from_secs(10 * 60);

/// How long between two looks at something a platform is preparing.
const LOOK_EVERY: Duration = Duration::from_secs(2);

/// Waiting for a platform to prepare something (a container, an upload, a
/// video): a few looks a little apart, then the target goes back to the queue to
/// look again a minute later ([`Patience::wait`]), or the caller decides
/// ([`Patience::spent`]).
pub struct Patience {
    looks: u32,
    left: u32,
    every: Duration,
}

impl Patience {
    pub const fn new(looks: u32) -> Self {
        Self { looks: 0, left: looks, every: LOOK_EVERY }
    }

    /// Looks `every` apart (a video a platform processes for minutes).
    pub const fn every(self, every: Duration) -> Self {
        Self { every, ..self }
    }

    /// Whether every look has been taken.
    pub fn spent(&self) -> bool {
        self.left == 0
    }

    /// Sleeps before the next look; when none is left, hands the target back to
    /// the queue with "still preparing {what}" (safe only while nothing is
    /// published yet).
    pub async fn wait(&mut self, label: &str, what: &str) -> Result<(), PublishError> {
        if self.spent() {
            return Err(PublishError::RateLimited {
                message: format!(
                    "{label} is still preparing {what}; Aura will look again shortly."
                ),
                retry_in: Duration::from_secs(60),
            });
        }
        self.left -= 1;
        self.looks += 1;
        tokio::time::sleep(self.every).await;
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Bearer,
    /// `access_token=` in the query (Meta's Graph API, Threads).
    Query,
}

pub struct SocialApi<'a> {
    http: &'a reqwest::Client,
    pub label: &'static str,
    token: &'a Secret,
    place: Place,
    /// Reading figures rather than publishing: errors say so.
    measuring: bool,
    /// Answering a person rather than publishing: errors say so.
    replying: bool,
    /// Reading what people wrote (the inbox, listening): errors say so.
    reading: bool,
    /// Requests sent, for tests and logs.
    pub requests: u32,
}

impl<'a> SocialApi<'a> {
    pub fn bearer(http: &'a reqwest::Client, label: &'static str, token: &'a Secret) -> Self {
        Self {
            http,
            label,
            token,
            place: Place::Bearer,
            measuring: false,
            replying: false,
            reading: false,
            requests: 0,
        }
    }

    pub fn query_token(http: &'a reqwest::Client, label: &'static str, token: &'a Secret) -> Self {
        Self {
            http,
            label,
            token,
            place: Place::Query,
            measuring: false,
            replying: false,
            reading: false,
            requests: 0,
        }
    }

    /// The session reads what posts earned: its refusals and limits say so.
    pub fn measuring(self) -> Self {
        Self { measuring: true, ..self }
    }

    /// The session answers a person (a comment, a message): its refusals and
    /// limits say so.
    pub fn replying(self) -> Self {
        Self { replying: true, ..self }
    }

    /// The session reads what people wrote (mentions, comments, messages):
    /// its refusals and limits say so.
    pub fn reading(self) -> Self {
        Self { reading: true, ..self }
    }

    fn authorize(&self, request: RequestBuilder) -> RequestBuilder {
        match self.place {
            Place::Bearer => request.bearer_auth(self.token.expose()),
            Place::Query => request.query(&[("access_token", self.token.expose())]),
        }
    }

    /// A request that changes nothing on the platform (reading a status or a
    /// permalink): any failure to get an answer may be retried.
    pub async fn read(&mut self, request: RequestBuilder) -> Result<Response, PublishError> {
        self.send(request, false).await
    }

    /// The request that creates the post: once it has been sent, a missing answer
    /// means the platform may have taken it ("unconfirmed").
    pub async fn create(&mut self, request: RequestBuilder) -> Result<Response, PublishError> {
        self.send(request, true).await
    }

    /// Bytes sent to an upload address the platform handed out (its own
    /// credentials are in the address), without the account's token;
    /// `creates`: this part may be what publishes the post (TikTok's last).
    pub async fn upload(
        &mut self,
        request: RequestBuilder,
        creates: bool,
    ) -> Result<Response, PublishError> {
        self.dispatch(request.timeout(UPLOAD_TIMEOUT), creates).await
    }

    async fn send(
        &mut self,
        request: RequestBuilder,
        creates: bool,
    ) -> Result<Response, PublishError> {
        let request = self.authorize(request);
        self.dispatch(request, creates).await
    }

    async fn dispatch(
        &mut self,
        request: RequestBuilder,
        creates: bool,
    ) -> Result<Response, PublishError> {
        self.requests += 1;
        let label = self.label;
        let response = request.send().await.map_err(|e| {
            if e.is_connect() || !creates {
                PublishError::Transient(format!("Could not reach {label}; Aura will try again."))
            } else {
                PublishError::Unconfirmed(format!(
                    "{label} did not answer after the post was sent, so it may have been published. Check the account on {label} before retrying, so it does not go out twice."
                ))
            }
        })?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let headers = response.headers().clone();
        let body = response.text().await.unwrap_or_default();
        let error = classify(label, status, &headers, &body);
        Err(if self.measuring {
            as_measuring(label, error, &body)
        } else if self.replying {
            as_replying(label, error, &body)
        } else if self.reading {
            as_reading(label, error, &body)
        } else {
            error
        })
    }

    pub fn http(&self) -> &'a reqwest::Client {
        self.http
    }

    /// A field of a published object (`GET /{id}?fields={field}`, Meta's Graph API
    /// and Threads): the permalink, a courtesy whose failure undoes nothing.
    pub async fn field_of(&mut self, base: &str, id: &str, field: &str) -> Option<String> {
        let read = self.http.get(format!("{base}/{id}")).query(&[("fields", field)]);
        let answer: serde_json::Value = self.read(read).await.ok()?.json().await.ok()?;
        answer.get(field).and_then(|v| v.as_str()).map(str::to_owned)
    }

    /// Posts `comment` under the Graph object `id` (`POST /{id}/comments`
    /// `message`): the first comment on Facebook and Instagram. Its error, if any.
    pub async fn first_comment(
        &mut self,
        base: &str,
        id: &str,
        comment: Option<&str>,
    ) -> Option<String> {
        let comment = comment?;
        let post = self.http.post(format!("{base}/{id}/comments")).form(&[("message", comment)]);
        self.create(post).await.err().map(|e| e.to_string())
    }

    /// The file's bytes, which the publish job loads for the platforms that
    /// take them ([`super::takes_bytes`]).
    pub fn bytes_of<'m>(
        &self,
        media: &'m super::PublishMedia,
    ) -> Result<&'m bytes::Bytes, PublishError> {
        media.bytes.as_ref().map(|b| &b.0).ok_or_else(|| {
            PublishError::Transient(format!(
                "The file for this {} post could not be read from the media library; Aura will try again.",
                self.label
            ))
        })
    }

    /// The error for an answer Aura cannot read: what that means for what was
    /// being done, in words; the decoder's own detail goes to the log only.
    pub fn unreadable(&self, detail: impl std::fmt::Display) -> PublishError {
        let label = self.label;
        tracing::warn!(platform = label, %detail, "a platform's answer could not be read");
        if self.reading || self.measuring {
            return PublishError::Refused(format!(
                "{label} answered in a form Aura could not read; the details are in the server's log."
            ));
        }
        if self.replying {
            return PublishError::Unconfirmed(format!(
                "{label} answered in a form Aura could not read, so the reply may have gone out. Check the conversation on {label} before sending it again."
            ));
        }
        PublishError::Unconfirmed(format!(
            "{label} answered with data Aura could not read; the post may have gone out. Check the account before retrying."
        ))
    }
}

/// The platform's words in its error body: X's `detail`, LinkedIn's `message`,
/// Meta's `error.message`.
pub fn words(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let text = value
        .get("detail")
        .and_then(|d| d.as_str())
        .map(str::to_owned)
        .or_else(|| value.get("message").and_then(|m| m.as_str()).map(str::to_owned))
        .or_else(|| platform_message(body))?;
    let text: String = text.trim().chars().take(300).collect();
    (!text.is_empty()).then_some(text)
}

/// How long the platform says to wait: `Retry-After` (seconds), X's
/// `x-rate-limit-reset` (a Unix time), Reddit's `x-ratelimit-reset` (seconds
/// left), or Meta's `x-business-use-case-usage`
/// `estimated_time_to_regain_access` (minutes).
pub fn wait_of(headers: &HeaderMap) -> Option<Duration> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(seconds) = header("retry-after").and_then(|v| v.parse::<u64>().ok()) {
        return Some(Duration::from_secs(seconds));
    }
    if let Some(reset) = header("x-rate-limit-reset").and_then(|v| v.parse::<i64>().ok()) {
        return Some(Duration::from_secs(
            u64::try_from(reset - Utc::now().timestamp()).unwrap_or(0).max(1),
        ));
    }
    if let Some(seconds) = header("x-ratelimit-reset").and_then(|v| v.parse::<f64>().ok()) {
        return Some(Duration::from_secs_f64(seconds.max(1.0)));
    }
    let usage: serde_json::Value =
        serde_json::from_str(header("x-business-use-case-usage")?).ok()?;
    let minutes = usage
        .as_object()?
        .values()
        .flat_map(|v| v.as_array().cloned().unwrap_or_default())
        .filter_map(|u| u.get("estimated_time_to_regain_access").and_then(|m| m.as_u64()))
        .max()?;
    Some(Duration::from_secs(minutes.max(1) * 60))
}

/// Google's own limits (`error.errors[0].reason`): the project's daily quota
/// (back at midnight Pacific time), the channel's upload cap (a day), or a
/// short-term rate.
fn google_wait(body: &serde_json::Value) -> Option<Duration> {
    let reason = body.pointer("/error/errors/0/reason")?.as_str()?;
    match reason {
        "quotaExceeded" => {
            use chrono::TimeZone;
            let pacific = chrono_tz::America::Los_Angeles;
            let now = Utc::now();
            let tomorrow = now.with_timezone(&pacific).date_naive() + chrono::Days::new(1);
            // The instant of midnight there, so a day the clocks change counts right.
            let midnight =
                pacific.from_local_datetime(&tomorrow.and_hms_opt(0, 0, 0)?).earliest()?;
            let left = (midnight.with_timezone(&Utc) - now).num_milliseconds();
            Some(Duration::from_secs(u64::try_from(left).ok()?.div_ceil(1000).max(60)))
        }
        "uploadLimitExceeded" => Some(Duration::from_secs(24 * 3600)),
        "rateLimitExceeded" | "userRateLimitExceeded" => Some(DEFAULT_WAIT),
        _ => None,
    }
}

fn classify(label: &str, status: StatusCode, headers: &HeaderMap, body: &str) -> PublishError {
    let said = words(body);
    let quoted = said.as_deref().map(|m| format!(": \"{m}\"")).unwrap_or_default();
    let json = serde_json::from_str::<serde_json::Value>(body).unwrap_or_default();
    let meta_code = json.pointer("/error/code").and_then(|c| c.as_i64());
    if let Some(wait) = google_wait(&json) {
        return PublishError::RateLimited {
            message: format!(
                "{label} has reached its limit for now{quoted}; Aura will try again in about {}.",
                in_words(wait)
            ),
            retry_in: wait,
        };
    }
    match (status.as_u16(), meta_code) {
        (429, _) | (_, Some(4 | 17 | 32 | 613 | 80001)) => {
            let wait = wait_of(headers).unwrap_or(DEFAULT_WAIT);
            PublishError::RateLimited {
                message: format!(
                    "{label} is limiting how often Aura may post; it will try again in about {}.",
                    in_words(wait)
                ),
                retry_in: wait,
            }
        }
        (401, _) | (_, Some(190)) => PublishError::Reauthorize(format!(
            "{label} no longer accepts Aura's access to this account{quoted}. Reconnect the account, then retry."
        )),
        (500..=599, _) => PublishError::Transient(format!(
            "{label} had a problem on its side ({status}); Aura will try again."
        )),
        _ => PublishError::Refused(format!("{label} refused the post{quoted}")),
    }
}

/// A publishing error reworded for reading figures.
fn as_measuring(label: &str, error: PublishError, body: &str) -> PublishError {
    let quoted = words(body).map(|m| format!(": \"{m}\"")).unwrap_or_default();
    match error {
        PublishError::RateLimited { retry_in, .. } => PublishError::RateLimited {
            message: format!(
                "{label} is limiting how often Aura may read its figures; Aura will try again in about {}.",
                in_words(retry_in)
            ),
            retry_in,
        },
        PublishError::Refused(_) | PublishError::Unconfirmed(_) => {
            PublishError::Refused(format!("{label} did not give the figures{quoted}"))
        }
        other => other,
    }
}

/// A publishing error reworded for reading what people wrote.
fn as_reading(label: &str, error: PublishError, body: &str) -> PublishError {
    let quoted = words(body).map(|m| format!(": \"{m}\"")).unwrap_or_default();
    match error {
        PublishError::RateLimited { retry_in, .. } => PublishError::RateLimited {
            message: format!(
                "{label} is limiting how often Aura may read it; Aura will look again in about {}.",
                in_words(retry_in)
            ),
            retry_in,
        },
        PublishError::Refused(_) | PublishError::Unconfirmed(_) => {
            PublishError::Refused(format!("{label} did not let Aura read it{quoted}"))
        }
        other => other,
    }
}

/// A publishing error reworded for a reply. Meta's "outside of allowed window"
/// (code 10, subcodes 2018278 and 2534022: a Page or an Instagram account may
/// answer a message only within 24 hours of the person's last one) says what to
/// do instead.
fn as_replying(label: &str, error: PublishError, body: &str) -> PublishError {
    let quoted = words(body).map(|m| format!(": \"{m}\"")).unwrap_or_default();
    let json = serde_json::from_str::<serde_json::Value>(body).unwrap_or_default();
    let subcode = json.pointer("/error/error_subcode").and_then(|c| c.as_i64());
    match error {
        PublishError::RateLimited { retry_in, .. } => PublishError::RateLimited {
            message: format!(
                "{label} is limiting how often Aura may reply; try again in about {}.",
                in_words(retry_in)
            ),
            retry_in,
        },
        PublishError::Refused(_) if matches!(subcode, Some(2018278 | 2534022)) => {
            PublishError::Refused(format!(
                "{label} lets a business answer a message only within 24 hours of the person's last one, and this conversation is older. Answer them on {label} itself, or wait until they write again."
            ))
        }
        PublishError::Refused(_) if body.contains("not been mentioned") => {
            PublishError::Refused(format!(
                "{label} takes a reply from Aura only to a post that mentions or quotes the account, and this one does not{quoted}. Answer it on {label} itself."
            ))
        }
        PublishError::Refused(_) => {
            PublishError::Refused(format!("{label} refused the reply{quoted}"))
        }
        PublishError::Unconfirmed(_) => PublishError::Unconfirmed(format!(
            "{label} did not answer after the reply was sent, so it may have gone out. Check the conversation on {label} before sending it again."
        )),
        other => other,
    }
}

/// "12 minutes", "5 hours".
fn in_words(wait: Duration) -> String {
    let minutes = wait.as_secs().div_ceil(60);
    if minutes < 120 {
        format!("{minutes} minutes")
    } else {
        format!("{} hours", minutes.div_ceil(60))
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    #[test]
    fn waits_are_read_from_each_platforms_headers() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("120"));
        assert_eq!(wait_of(&h), Some(Duration::from_secs(120)));
        let mut h = HeaderMap::new();
        let reset = (Utc::now().timestamp() + 300).to_string();
        h.insert("x-rate-limit-reset", HeaderValue::from_str(&reset).unwrap());
        let wait = wait_of(&h).unwrap().as_secs();
        assert!((295..=300).contains(&wait), "{wait}");
        let mut h = HeaderMap::new();
        h.insert("x-ratelimit-reset", HeaderValue::from_static("42"));
        assert_eq!(wait_of(&h), Some(Duration::from_secs(42)));
        let mut h = HeaderMap::new();
        h.insert(
            "x-business-use-case-usage",
            HeaderValue::from_static(r#"{"123":[{"type":"pages","call_count":100,"estimated_time_to_regain_access":7}]}"#),
        );
        assert_eq!(wait_of(&h), Some(Duration::from_secs(420)));
        assert_eq!(wait_of(&HeaderMap::new()), None);
    }

    #[test]
    fn errors_are_sorted_by_what_can_be_done_next() {
        let none = HeaderMap::new();
        let duplicate = r#"{"detail":"You are not allowed to create a Tweet with duplicate content.","type":"about:blank","title":"Forbidden","status":403}"#;
        assert_eq!(
            classify("X", StatusCode::FORBIDDEN, &none, duplicate),
            PublishError::Refused(
                "X refused the post: \"You are not allowed to create a Tweet with duplicate content.\"".into()
            )
        );
        let expired = r#"{"error":{"message":"Error validating access token: Session has expired","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"A1"}}"#;
        assert!(matches!(
            classify("Facebook", StatusCode::BAD_REQUEST, &none, expired),
            PublishError::Reauthorize(_)
        ));
        let limited = r#"{"error":{"message":"(#32) Page request limit reached","type":"OAuthException","code":32,"fbtrace_id":"A2"}}"#;
        assert!(matches!(
            classify("Facebook", StatusCode::BAD_REQUEST, &none, limited),
            PublishError::RateLimited { retry_in, .. } if retry_in == DEFAULT_WAIT
        ));
        assert!(matches!(
            classify("LinkedIn", StatusCode::BAD_GATEWAY, &none, ""),
            PublishError::Transient(_)
        ));
        let linkedin = r#"{"message":"Content is a duplicate of urn:li:share:1","serviceErrorCode":0,"status":422}"#;
        assert_eq!(
            classify("LinkedIn", StatusCode::UNPROCESSABLE_ENTITY, &none, linkedin),
            PublishError::Refused(
                "LinkedIn refused the post: \"Content is a duplicate of urn:li:share:1\"".into()
            )
        );
    }
}
