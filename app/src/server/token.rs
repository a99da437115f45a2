//! One-time tokens for emailed links (password reset, invitations). The link
//! carries the token; the database keeps only its SHA-256, so a leaked table does
//! not leak working links.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh 256-bit token (64 hex characters) and its hash to store.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex(&bytes);
    let hash = hash(&token);
    (token, hash)
}

/// The stored form of `token`.
pub fn hash(token: &str) -> String {
    hex(&Sha256::digest(token.trim().as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_fresh_and_hash_to_64_hex_characters() {
        let (a, hash_a) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(hash_a.len(), 64);
        assert_eq!(hash(&a), hash_a);
        assert_ne!(hash_a, a, "the stored form is not the token");
    }
}
