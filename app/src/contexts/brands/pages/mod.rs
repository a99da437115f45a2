//! Pages of the brands context.

mod brand_form;
mod brand_page;
mod brands_page;

pub use brand_page::BrandPage;
pub use brands_page::BrandsPage;
