//! Wire types of the brands context.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::kernel::BrandId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brand {
    pub id: BrandId,
    pub name: String,
    pub domain: String,
    pub currency: String,
    pub timezone: String,
    /// The hour of the day, in the brand's time zone, at which its data syncs and
    /// its insights are worked out.
    pub sync_hour: i16,
    pub archived_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The brands page: the brands and what the viewer may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandList {
    pub brands: Vec<Brand>,
    pub can_create: bool,
    pub can_edit: bool,
    pub can_archive: bool,
    /// The workspace's defaults for a new brand.
    pub default_currency: String,
    pub default_timezone: String,
    pub max_brands: Option<u32>,
    /// Active brands (all pages).
    pub active: i64,
    /// Every brand, archived included (all pages); `brands` holds page `page`.
    pub total: i64,
    pub page: u32,
    pub pages: u32,
}

/// Brands per page on `/brands`.
pub const BRANDS_PER_PAGE: u32 = 50;
