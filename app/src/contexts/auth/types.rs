//! Wire types of the auth context.

use serde::{Deserialize, Serialize};

use crate::kernel::{Role, UserId, WorkspaceId};

/// The signed-in person and where they are, as the browser may know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub workspace: Option<CurrentWorkspace>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentWorkspace {
    pub id: WorkspaceId,
    pub name: String,
    pub role: Role,
}
