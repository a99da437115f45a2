//! Server functions of the brands context, each behind the one guard.

use leptos::prelude::*;

use super::types::{Brand, BrandList};
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn brand_id(raw: &str) -> Result<crate::kernel::BrandId, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "brands/list")]
pub async fn list_brands() -> Result<BrandList, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Brands, Action::Read)).await?;
    super::server::service::list(&state.pg, &member).await
}

/// One page of the brands, for `/brands`.
#[server(prefix = "/api", endpoint = "brands/page")]
pub async fn brands_page(page: u32) -> Result<BrandList, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Brands, Action::Read)).await?;
    super::server::service::page(&state.pg, &member, page).await
}

#[server(prefix = "/api", endpoint = "brands/get")]
pub async fn get_brand(brand_id: String) -> Result<Brand, AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Brands, Action::Read)).await?;
    super::server::service::get(&state.pg, &member, self::brand_id(&brand_id)?).await
}

/// Creates a brand, then opens it.
#[server(prefix = "/api", endpoint = "brands/create")]
pub async fn create_brand(
    name: String,
    domain: String,
    currency: String,
    timezone: String,
    sync_hour: Option<String>,
) -> Result<(), AppError> {
    use super::server::service::{self, BrandForm};
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Brands, Action::Create)).await?;
    let form =
        BrandForm { name, domain, currency, timezone, sync_hour: sync_hour.unwrap_or_default() };
    let id = service::create(&state.pg, &member, &form).await?;
    leptos_axum::redirect(&format!("/brands/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "brands/update")]
pub async fn update_brand(
    brand_id: String,
    name: String,
    domain: String,
    currency: String,
    timezone: String,
    sync_hour: Option<String>,
) -> Result<(), AppError> {
    use super::server::service::{self, BrandForm};
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Brands, Action::Update)).await?;
    let form =
        BrandForm { name, domain, currency, timezone, sync_hour: sync_hour.unwrap_or_default() };
    service::update(&state.pg, &member, self::brand_id(&brand_id)?, &form).await
}

/// Archives (`archive=true`) or restores a brand.
#[server(prefix = "/api", endpoint = "brands/archive")]
pub async fn archive_brand(brand_id: String, archive: bool) -> Result<(), AppError> {
    use crate::contexts::auth::server::guard::require;
    use crate::kernel::{Action, Permission, Resource};
    let (state, member) = require(Permission::new(Resource::Brands, Action::Delete)).await?;
    let id = self::brand_id(&brand_id)?;
    super::server::service::set_archived(&state.pg, &member, id, archive).await
}
