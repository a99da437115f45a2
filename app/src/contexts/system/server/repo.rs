//! The smallest real round trip to each service.

use mongodb::bson::doc;
use sqlx::PgPool;

pub async fn ping_postgres(pg: &PgPool) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1").execute(pg).await.map(|_| ())
}

pub async fn ping_mongodb(mongo: &mongodb::Database) -> mongodb::error::Result<()> {
    mongo.run_command(doc! { "ping": 1 }).await.map(|_| ())
}
