//! Encryption at rest for platform tokens and credentials: AES-256-GCM envelopes that
//! name the key they were sealed with, so keys can rotate.
//!
//! An envelope is `v1:<key id>:<base64 of 12-byte nonce ‖ ciphertext ‖ tag>`. Every
//! envelope is bound to what it protects (`aad`, such as `connection:<id>:access_token`),
//! so a value copied onto another row or field does not open. New envelopes use the
//! current key (the first one); older keys stay to open what they sealed.

use std::fmt;
use std::path::Path;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;

use super::Secret;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CryptoError {
    #[error("the key list is not valid: {0}")]
    BadKeys(String),
    #[error("no key `{0}` to open this value (was it rotated out?)")]
    UnknownKey(String),
    #[error("the value is not an envelope this version reads")]
    Malformed,
    #[error("the value does not open with its key (tampered with, or moved)")]
    Rejected,
    #[error("cannot read or write the key file: {0}")]
    KeyFile(String),
}

/// The keys, current first.
#[derive(Clone)]
pub struct Keyring {
    keys: Vec<(String, Aes256Gcm)>,
    /// Signs the links Aura hands out (`sign`): SHA-256 of a label and the current
    /// key, so the signing key is never the sealing key itself.
    link_key: [u8; 32],
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|(id, _)| id.as_str()).collect();
        write!(f, "Keyring({ids:?})")
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 32
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Keyring {
    /// Reads `id:base64key` entries separated by commas or new lines; the first is
    /// current. Each key is 32 bytes.
    pub fn parse(spec: &str) -> Result<Self, CryptoError> {
        let mut keys = Vec::new();
        let mut link_key = None;
        let entries = spec
            .lines()
            .filter(|line| !line.trim_start().starts_with('#'))
            .flat_map(|line| line.split(','))
            .map(str::trim)
            .filter(|e| !e.is_empty());
        for entry in entries {
            let (id, encoded) = entry
                .split_once(':')
                .ok_or_else(|| CryptoError::BadKeys("each key is `id:base64`".into()))?;
            if !valid_id(id) {
                return Err(CryptoError::BadKeys(format!(
                    "`{id}` is not a key id (letters, digits, - and _)"
                )));
            }
            if keys.iter().any(|(other, _)| other == id) {
                return Err(CryptoError::BadKeys(format!("key id `{id}` appears twice")));
            }
            let bytes = STANDARD
                .decode(encoded.trim())
                .map_err(|_| CryptoError::BadKeys(format!("key `{id}` is not base64")))?;
            if bytes.len() != 32 {
                return Err(CryptoError::BadKeys(format!(
                    "key `{id}` is {} bytes, not 32",
                    bytes.len()
                )));
            }
            if link_key.is_none() {
                use sha2::Digest;
                let mut hash = sha2::Sha256::new();
                hash.update(b"aura link signing v1\0");
                hash.update(&bytes);
                link_key = Some(hash.finalize().into());
            }
            keys.push((id.to_owned(), Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&bytes))));
        }
        let Some(link_key) = link_key else {
            return Err(CryptoError::BadKeys("no key given".into()));
        };
        Ok(Self { keys, link_key })
    }

    /// A new random key entry, `id:base64`.
    pub fn generate_entry(id: &str) -> String {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        format!("{id}:{}", STANDARD.encode(bytes))
    }

    /// The key file at `path`, created with one fresh key (readable by its owner
    /// only) when it does not exist yet: the embedded default.
    pub fn load_or_create(path: &Path) -> Result<Self, CryptoError> {
        let io = |e: std::io::Error| CryptoError::KeyFile(format!("{}: {e}", path.display()));
        if !path.exists() {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(io)?;
            }
            let id = format!("k{}", chrono::Utc::now().format("%Y%m%d"));
            let text = format!(
                "# Aura's token keys, current first (id:base64 of 32 bytes). Keep this file secret.\n{}\n",
                Self::generate_entry(&id)
            );
            write_private(path, &text).map_err(io)?;
        }
        Self::parse(&std::fs::read_to_string(path).map_err(io)?)
    }

    /// `AURA_TOKEN_KEYS` when set, else the key file (created on first start).
    pub fn from_settings(settings: &super::Settings) -> Result<Self, CryptoError> {
        match &settings.token_keys {
            Some(keys) => Self::parse(keys.expose()),
            None => Self::load_or_create(&settings.token_key_file),
        }
    }

    /// A signature of `message` for a link Aura hands out (HMAC-SHA256, hex).
    pub fn sign(&self, message: &str) -> String {
        use hmac::Mac;
        let Ok(mut mac) = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.link_key) else {
            return String::new();
        };
        mac.update(message.as_bytes());
        mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Whether `signature` is this keyring's signature of `message` (compared in
    /// constant time).
    pub fn verify(&self, message: &str, signature: &str) -> bool {
        use hmac::Mac;
        let bytes: Option<Vec<u8>> = (signature.len() == 64)
            .then(|| {
                (0..64)
                    .step_by(2)
                    .map(|i| u8::from_str_radix(signature.get(i..i + 2)?, 16).ok())
                    .collect()
            })
            .flatten();
        let Some(bytes) = bytes else { return false };
        let Ok(mut mac) = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.link_key) else {
            return false;
        };
        mac.update(message.as_bytes());
        mac.verify_slice(&bytes).is_ok()
    }

    pub fn current_id(&self) -> &str {
        self.keys.first().map(|(id, _)| id.as_str()).unwrap_or_default()
    }

    /// Seals `plaintext` with the current key, bound to `aad`.
    pub fn seal(&self, plaintext: &str, aad: &str) -> String {
        let Some((id, cipher)) = self.keys.first() else { return String::new() };
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        // Encrypting into a Vec cannot fail for inputs under 64 GiB.
        let sealed = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload { msg: plaintext.as_bytes(), aad: aad.as_bytes() },
            )
            .unwrap_or_default();
        let mut blob = nonce.to_vec();
        blob.extend(sealed);
        format!("v1:{id}:{}", STANDARD.encode(blob))
    }

    /// Opens an envelope sealed for `aad` with any key of the ring.
    pub fn open(&self, envelope: &str, aad: &str) -> Result<Secret, CryptoError> {
        let mut parts = envelope.splitn(3, ':');
        let (Some("v1"), Some(id), Some(body)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(CryptoError::Malformed);
        };
        let (_, cipher) = self
            .keys
            .iter()
            .find(|(key_id, _)| key_id == id)
            .ok_or_else(|| CryptoError::UnknownKey(id.to_owned()))?;
        let blob = STANDARD.decode(body).map_err(|_| CryptoError::Malformed)?;
        if blob.len() < 12 + 16 {
            return Err(CryptoError::Malformed);
        }
        let (nonce, sealed) = blob.split_at(12);
        let plain = cipher
            .decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad: aad.as_bytes() })
            .map_err(|_| CryptoError::Rejected)?;
        String::from_utf8(plain).map(Secret::new).map_err(|_| CryptoError::Rejected)
    }

    /// Whether an envelope was sealed with an older key (re-seal it to rotate).
    pub fn is_stale(&self, envelope: &str) -> bool {
        envelope.split(':').nth(1) != Some(self.current_id())
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file =
        std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

/// The bytes a hexadecimal string spells (either case); `None` when it is not one.
pub fn hex_bytes(text: &str) -> Option<Vec<u8>> {
    text.len()
        .is_multiple_of(2)
        .then(|| {
            (0..text.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
                .collect::<Option<Vec<u8>>>()
        })
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(spec: &str) -> Keyring {
        Keyring::parse(spec).unwrap()
    }

    #[test]
    fn sealed_values_open_only_with_their_binding() {
        let keys = ring(&Keyring::generate_entry("k1"));
        let sealed = keys.seal("shpat_secret_token", "connection:1:access_token");
        assert!(sealed.starts_with("v1:k1:"));
        assert!(!sealed.contains("shpat_secret_token"));
        assert_ne!(
            sealed,
            keys.seal("shpat_secret_token", "connection:1:access_token"),
            "fresh nonce each time"
        );
        assert_eq!(
            keys.open(&sealed, "connection:1:access_token").unwrap().expose(),
            "shpat_secret_token"
        );
        assert_eq!(
            keys.open(&sealed, "connection:2:access_token").unwrap_err(),
            CryptoError::Rejected
        );
        let mut tampered = sealed.clone();
        tampered.replace_range(sealed.len() - 4.., "AAAA");
        assert_eq!(
            keys.open(&tampered, "connection:1:access_token").unwrap_err(),
            CryptoError::Rejected
        );
        assert_eq!(keys.open("plain text", "x").unwrap_err(), CryptoError::Malformed);
    }

    #[test]
    fn links_are_signed_by_the_current_key_and_checked() {
        let ring = Keyring::parse(&Keyring::generate_entry("a")).unwrap();
        let signature = ring.sign("media:ws:id:1700000000");
        assert_eq!(signature.len(), 64);
        assert!(ring.verify("media:ws:id:1700000000", &signature));
        assert!(!ring.verify("media:ws:id:1700000001", &signature), "another message");
        assert!(!ring.verify("media:ws:id:1700000000", "zz"), "not a signature");
        let other = Keyring::parse(&Keyring::generate_entry("a")).unwrap();
        assert!(!other.verify("media:ws:id:1700000000", &signature), "another key");
    }

    #[test]
    fn keys_rotate_old_envelopes_still_open() {
        let old_entry = Keyring::generate_entry("k1");
        let old = ring(&old_entry);
        let sealed = old.seal("token", "a");
        let rotated = ring(&format!("{},{old_entry}", Keyring::generate_entry("k2")));
        assert_eq!(rotated.current_id(), "k2");
        assert!(rotated.is_stale(&sealed));
        assert_eq!(rotated.open(&sealed, "a").unwrap().expose(), "token");
        assert!(!rotated.is_stale(&rotated.seal("token", "a")));
        let without_old = ring(&Keyring::generate_entry("k2"));
        assert_eq!(
            without_old.open(&sealed, "a").unwrap_err(),
            CryptoError::UnknownKey("k1".into())
        );
    }

    #[test]
    fn bad_key_lists_are_explained() {
        assert!(matches!(Keyring::parse(""), Err(CryptoError::BadKeys(_))));
        assert!(
            matches!(Keyring::parse("k1:c2hvcnQ="), Err(CryptoError::BadKeys(m)) if m.contains("not 32"))
        );
        assert!(matches!(Keyring::parse("bad id:AAAA"), Err(CryptoError::BadKeys(_))));
        let entry = Keyring::generate_entry("k1");
        assert!(
            matches!(Keyring::parse(&format!("{entry},{entry}")), Err(CryptoError::BadKeys(m)) if m.contains("twice"))
        );
        assert!(
            format!("{:?}", ring(&entry)).contains("k1")
                && !format!("{:?}", ring(&entry)).contains(&entry[3..])
        );
    }

    #[test]
    fn the_default_key_file_is_created_once_and_private() {
        let dir = std::env::temp_dir().join(format!("aura-keys-{}", uuid::Uuid::new_v4()));
        let path = dir.join("token-keys");
        let first = Keyring::load_or_create(&path).unwrap();
        let sealed = first.seal("token", "a");
        let again = Keyring::load_or_create(&path).unwrap();
        assert_eq!(again.open(&sealed, "a").unwrap().expose(), "token");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}
