//! `server`: serves Aura. Settings come from the environment (README.md lists them).
//!
//! `server set-plan <workspace slug> <plan>` is the operator's command that puts a
//! workspace on a plan (members cannot change their own plan, which sets their
//! limits); it migrates the database, changes the one row and exits.

use std::process::ExitCode;

use app::server::Settings;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err:#}");
            eprintln!("aura: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => serve().await,
        ["set-plan", slug, plan] => set_plan(slug, plan).await,
        _ => anyhow::bail!(
            "usage: server (serve Aura)\n       server set-plan <workspace slug> <{}>",
            app::contexts::team::types::Plan::ALL.map(|p| p.as_str()).join("|")
        ),
    }
}

async fn set_plan(slug: &str, plan: &str) -> anyhow::Result<()> {
    use app::contexts::team::types::Plan;
    let plan = Plan::parse(plan).ok_or_else(|| {
        anyhow::anyhow!(
            "`{plan}` is not a plan; choose one of {}",
            Plan::ALL.map(|p| p.as_str()).join(", ")
        )
    })?;
    let settings = Settings::load()?;
    let pg = app::server::db::connect(&settings).await?;
    app::server::db::MIGRATOR.run(&pg).await?;
    match app::contexts::team::server::service::set_plan(&pg, slug, plan).await {
        Ok(()) => {
            println!("{slug} is now on the {} plan", plan.label());
            Ok(())
        }
        Err(app::error::AppError::NotFound) => anyhow::bail!("no workspace has the slug `{slug}`"),
        Err(err) => anyhow::bail!("{err}"),
    }
}

async fn serve() -> anyhow::Result<()> {
    let settings = Settings::load()?;
    let addr = settings.addr;
    if settings.environment == app::server::Environment::Development {
        // Loud on purpose: development publishes sign-ins and the mail outbox.
        eprintln!(
            "aura: DEVELOPMENT MODE on {addr}: demo sign-ins are published and /dev/outbox \
             shows every email sent. Only for this machine; set AURA_ENV=production to serve people."
        );
        tracing::warn!("development mode: demo data and /dev/outbox are on");
    }
    let state = server::build_state(settings).await?;
    // The demo's sign-ins at every start in development, seeded now or earlier.
    if state.settings.demo_data {
        app::root::demo::seed_if_empty(&state).await?;
        if app::root::demo::is_present(&state.pg).await? {
            println!("{}", app::root::demo::credentials_banner(&state.settings.public_url));
        }
    }
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|err| {
        anyhow::anyhow!("cannot listen on {addr}: {err} (is another server running?)")
    })?;
    println!("Aura is serving on http://{addr}");
    // The job queue's worker runs beside the web server; every process runs one and
    // they share the queue safely.
    let (stop_worker, worker_stop) = tokio::sync::watch::channel(false);
    let worker = server::build_worker(&state);
    let worker = tokio::spawn(worker.run(worker_stop));
    let app =
        server::build_app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;
    let _ = stop_worker.send(true);
    match worker.await {
        Ok(Err(err)) => tracing::warn!("job queue worker stopped: {err}"),
        Err(err) => tracing::warn!("job queue worker panicked: {err}"),
        Ok(Ok(())) => {}
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
