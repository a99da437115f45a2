//! Typed identifiers. A `WorkspaceId` cannot be passed where a `UserId` is expected,
//! and every repository function takes the `WorkspaceId` of the caller's session.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(
    /// The tenant: a workspace (seed 002 `companies`, seed 003 `workspaces`).
    WorkspaceId
);
id_type!(
    /// A person who signs in.
    UserId
);
id_type!(
    /// A D2C brand inside a workspace (seed 001 `brands`).
    BrandId
);

id_type!(
    /// A connection to a platform account (seed 000 `platform_connections`, seed 001
    /// `integrations`).
    ConnectionId
);

id_type!(
    /// An account on a social platform (seed 003 `social_accounts`).
    SocialAccountId
);

id_type!(
    /// A post with its per-platform targets (seed 003 `posts`).
    PostId
);

id_type!(
    /// An image, GIF or video in a workspace's media library (seed 003 `media_assets`).
    MediaId
);

id_type!(
    /// A workflow (seed 002 and 003 `workflows`): an approval chain, a nurturing
    /// sequence, an automation.
    WorkflowId
);

id_type!(
    /// A marketing campaign (seed 002 and 003 `campaigns`).
    CampaignId
);

id_type!(
    /// One thread of the inbox (seed 003 `conversations`).
    ConversationId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_display_and_serialize_as_plain_uuids() {
        let raw = "7f1c6a52-3c7e-4c3e-9a57-1f0f3c1d2e4b";
        let id: WorkspaceId = raw.parse().unwrap();
        assert_eq!(id.to_string(), raw);
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{raw}\""));
        assert!("not-a-uuid".parse::<UserId>().is_err());
    }
}
