-- How a workspace works its inbox: the business hours its SLA clocks may count
-- in (in the workspace's time zone), the priority rules that raise a new
-- message's conversation, and round-robin assignment among available members.
CREATE TABLE inbox_settings (
    workspace_id    uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    -- ISO weekdays, 1 = Monday.
    business_days   smallint[]  NOT NULL DEFAULT '{1,2,3,4,5}'
                    CHECK (business_days <@ '{1,2,3,4,5,6,7}'::smallint[]),
    opens_at        time        NOT NULL DEFAULT '09:00',
    closes_at       time        NOT NULL DEFAULT '17:00',
    -- An ordered list of `inbox::rules::PriorityRule` (checked by the service).
    priority_rules  jsonb       NOT NULL DEFAULT '[]',
    round_robin     boolean     NOT NULL DEFAULT false,
    -- Nobody is handed a new conversation while this many open ones are theirs.
    round_robin_cap integer     NOT NULL DEFAULT 20 CHECK (round_robin_cap BETWEEN 1 AND 500),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (opens_at < closes_at)
);

-- Who takes new conversations by round robin, and when each last got one.
CREATE TABLE inbox_agents (
    workspace_id     uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    available        boolean     NOT NULL DEFAULT true,
    last_assigned_at timestamptz,
    PRIMARY KEY (workspace_id, user_id)
);

-- SLA policies: the targets for conversations of the priorities and types a
-- policy names (an empty list: any); the most specific one applies.
CREATE TABLE sla_policies (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id           uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name                   varchar(100) NOT NULL CHECK (btrim(name) <> ''),
    priorities             text[]       NOT NULL DEFAULT '{}'
                           CHECK (priorities <@ '{low,medium,high,urgent}'::text[]),
    kinds                  text[]       NOT NULL DEFAULT '{}'
                           CHECK (kinds <@ '{comment,dm,mention,review}'::text[]),
    first_response_minutes integer CHECK (first_response_minutes > 0),
    next_response_minutes  integer CHECK (next_response_minutes > 0),
    resolution_minutes     integer CHECK (resolution_minutes > 0),
    business_hours         boolean      NOT NULL DEFAULT false,
    created_at             timestamptz  NOT NULL DEFAULT now(),
    updated_at             timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT sla_policies_workspace_id_id_key UNIQUE (workspace_id, id),
    CONSTRAINT sla_policies_workspace_name_key UNIQUE (workspace_id, name),
    CHECK (num_nonnulls(first_response_minutes, next_response_minutes, resolution_minutes) > 0)
);

-- One SLA clock per target a conversation owes: started by the person's
-- message (or the thread's start, for resolution), due by the policy, met by
-- the reply or the resolution. A breach is recorded once and stays, even after
-- a late answer. The policy's name and the platform are kept, so the report
-- stands when a policy is deleted.
CREATE TABLE sla_clocks (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id    uuid         NOT NULL,
    conversation_id uuid         NOT NULL,
    policy_id       uuid,
    policy_name     varchar(100) NOT NULL,
    platform        text         NOT NULL,
    target          text         NOT NULL
                    CHECK (target IN ('first_response', 'next_response', 'resolution')),
    started_at      timestamptz  NOT NULL,
    due_at          timestamptz  NOT NULL,
    met_at          timestamptz,
    -- Who answered (a response) or resolved it.
    met_by          uuid REFERENCES users (id) ON DELETE SET NULL,
    -- The conversation closed before this target was met.
    stopped_at      timestamptz,
    breached_at     timestamptz,
    -- Whose it was when it was breached (the assignee), told once.
    breached_owner  uuid REFERENCES users (id) ON DELETE SET NULL,
    notified_at     timestamptz,
    CONSTRAINT sla_clocks_conversation_fkey FOREIGN KEY (workspace_id, conversation_id)
        REFERENCES conversations (workspace_id, id) ON DELETE CASCADE,
    CONSTRAINT sla_clocks_policy_fkey FOREIGN KEY (workspace_id, policy_id)
        REFERENCES sla_policies (workspace_id, id) ON DELETE SET NULL (policy_id)
);
-- At most one running clock per target of a conversation.
CREATE UNIQUE INDEX sla_clocks_running
    ON sla_clocks (conversation_id, target) WHERE met_at IS NULL AND stopped_at IS NULL;
-- The report: a workspace's clocks started in a range.
CREATE INDEX idx_sla_clocks_workspace_started ON sla_clocks (workspace_id, started_at);

ALTER TABLE conversations
    -- How many follow the person, where the platform says (priority rules).
    ADD COLUMN participant_followers integer,
    -- A person set the priority: the rules no longer raise it.
    ADD COLUMN priority_manual       boolean NOT NULL DEFAULT false,
    -- Set on resolution: every clock met in time (hit) or one breached (missed).
    ADD COLUMN sla_outcome           text CHECK (sla_outcome IN ('hit', 'missed'));
-- "SLA at risk": open work by deadline.
CREATE INDEX idx_conversations_sla_deadline
    ON conversations (workspace_id, sla_deadline) WHERE sla_deadline IS NOT NULL;
-- The live list asks what changed since a moment.
CREATE INDEX idx_conversations_workspace_updated ON conversations (workspace_id, updated_at);
