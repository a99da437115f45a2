//! Every index the seeds name exists after the migrations.

use sqlx::PgPool;

#[sqlx::test(migrator = "app::server::db::MIGRATOR")]
async fn the_indexes_the_seeds_name_exist(pg: PgPool) {
    let expected = [
        "users_email_key",
        "workspaces_slug_key",
        "idx_sessions_user_id",
        "idx_sessions_expires_at",
        "idx_activity_logs_user_id",
        "idx_activity_logs_created_at",
        "idx_activity_logs_type",
        "idx_memberships_workspace_role",
        "user_permissions_user_resource_action_key",
        "unique_brand_platform",
        "idx_connections_platform",
        "idx_connections_status",
        "idx_connections_is_active",
        "idx_metrics_brand_date",
        "idx_metrics_type_date",
        "idx_metrics_created",
        "idx_insights_brand_created",
        "idx_insights_priority",
        "idx_insights_is_read",
        "idx_leads_workspace_status",
        "idx_leads_workspace_created",
        "idx_interactions_lead_created",
        "idx_reviews_workspace_status",
        "idx_referrals_workspace",
        "referrals_code_key",
        "idx_content_workspace_status",
        "idx_content_workspace_type",
        "idx_analytics_workspace_date",
        "idx_analytics_workspace_metric_type",
        "idx_campaigns_workspace_status",
        "idx_campaigns_workspace_start",
        "idx_campaigns_status",
        "idx_workflows_workspace_type",
        "idx_workflows_workspace_status",
        "idx_workflows_workspace_type_active",
        "idx_scheduled_tasks_scheduled_status",
        "social_accounts_workspace_platform_account_key",
        "idx_social_accounts_platform",
        "idx_social_accounts_is_active",
        "idx_posts_author_id",
        "idx_posts_status",
        "idx_posts_scheduled_at",
        "idx_posts_published_at",
        "idx_posts_campaign_id",
        "idx_posts_workspace_status_scheduled",
        "idx_posts_workspace_created",
        "platform_posts_post_account_key",
        "idx_platform_posts_account_id",
        "idx_platform_posts_publish_status",
        "idx_platform_posts_platform_status",
        "idx_media_assets_type",
        "idx_media_assets_folder",
        "idx_media_assets_workspace_created",
        "post_media_pkey",
        "idx_conversations_account_id",
        "idx_conversations_status",
        "idx_conversations_assigned_to_id",
        "idx_conversations_platform",
        "idx_conversations_sentiment",
        "idx_conversations_priority",
        "idx_conversations_workspace_status_created",
        "idx_conversations_workspace_priority",
        // The inbox: one thread per key, one message per platform id and
        // thread, the list's order.
        "conversations_account_thread_key",
        "messages_conversation_platform_message_key",
        "idx_conversations_inbox_order",
        // SLA at risk, the live list, one running clock per target, the report,
        // a conversation's lead, a lead found again.
        "idx_conversations_sla_deadline",
        "idx_conversations_workspace_updated",
        "sla_clocks_running",
        "idx_sla_clocks_workspace_started",
        "idx_conversations_lead_id",
        "leads_platform_user",
        "idx_messages_direction",
        "idx_messages_conversation_created",
        "idx_approvals_post_status",
        "idx_approvals_approver_status",
        "idx_efficiency_metrics_user_id",
        "idx_efficiency_metrics_period",
        "idx_quick_wins_user_id",
        "idx_quick_wins_category",
        "idx_quick_wins_is_completed",
        "idx_usage_analytics_user_id",
        "idx_usage_analytics_platform",
        "idx_usage_analytics_period",
    ];
    let present: Vec<String> =
        sqlx::query_scalar("SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public'")
            .fetch_all(&pg)
            .await
            .unwrap();
    let missing: Vec<_> =
        expected.iter().filter(|name| !present.iter().any(|p| p == *name)).collect();
    assert!(missing.is_empty(), "missing indexes: {missing:?}");
}
