// `sqlx::migrate!` embeds ../migrations; rebuild when a migration changes.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
