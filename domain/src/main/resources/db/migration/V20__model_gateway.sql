-- The model gateway (L04): the model registry, aliases with history, budgets, and the usage records.
CREATE SCHEMA modelgateway;

-- A model a provider serves. Credentials are never stored: `credential` names a secret
-- (MicroProfile Config modelgateway.credentials.<name>, or the file model-<name> in the secrets dir).
CREATE TABLE modelgateway.models (
    id              varchar(100)  PRIMARY KEY,
    provider        varchar(20)   NOT NULL CHECK (provider IN ('local', 'openai', 'anthropic', 'ollama')),
    provider_model  varchar(200)  NOT NULL,
    version         varchar(50)   NOT NULL DEFAULT '1',
    base_url        varchar(500),
    credential      varchar(100),
    context_window  integer       NOT NULL CHECK (context_window > 0),
    capabilities    varchar(300)  NOT NULL,
    price_in_per_m  numeric(12,6) NOT NULL DEFAULT 0 CHECK (price_in_per_m >= 0),
    price_out_per_m numeric(12,6) NOT NULL DEFAULT 0 CHECK (price_out_per_m >= 0),
    local           boolean       NOT NULL DEFAULT false,
    timeout_ms      integer       NOT NULL DEFAULT 30000,
    enabled         boolean       NOT NULL DEFAULT true,
    created_at      timestamptz   NOT NULL DEFAULT now()
);

-- An alias (e.g. "planner") routes to ordered targets with a strategy. Every change is a new version
-- kept in alias_versions, so a rollback is "make the previous version current again".
CREATE TABLE modelgateway.aliases (
    name        varchar(100) PRIMARY KEY,
    version     integer      NOT NULL,
    strategy    varchar(20)  NOT NULL CHECK (strategy IN ('priority', 'weighted', 'cheapest', 'latency')),
    targets     jsonb        NOT NULL,
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    updated_by  varchar(150) NOT NULL
);
CREATE TABLE modelgateway.alias_versions (
    name        varchar(100) NOT NULL,
    version     integer      NOT NULL,
    strategy    varchar(20)  NOT NULL,
    targets     jsonb        NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    created_by  varchar(150) NOT NULL,
    PRIMARY KEY (name, version)
);

-- Budgets: the estimated maximum cost is reserved at admission with one conditional UPDATE
-- (spent + reserved + estimate <= limit), settled to the actual cost after the call.
CREATE TABLE modelgateway.budgets (
    id             uuid          PRIMARY KEY,
    scope_type     varchar(10)   NOT NULL CHECK (scope_type IN ('key', 'agent', 'goal', 'user')),
    scope_id       varchar(150)  NOT NULL,
    period         varchar(10)   NOT NULL CHECK (period IN ('day', 'month', 'total')),
    limit_usd      numeric(14,6) NOT NULL CHECK (limit_usd >= 0),
    spent_usd      numeric(14,6) NOT NULL DEFAULT 0,
    reserved_usd   numeric(14,6) NOT NULL DEFAULT 0,
    period_start   timestamptz   NOT NULL,
    tokens_per_minute integer,
    minute_start   timestamptz   NOT NULL DEFAULT date_trunc('minute', now()),
    minute_tokens  integer       NOT NULL DEFAULT 0,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (scope_type, scope_id)
);

-- One row per call (also failed and streamed ones), partitioned by day; the application creates
-- partitions ahead (ensure_usage_partition), retention drops whole partitions.
CREATE TABLE modelgateway.usage (
    id             uuid          NOT NULL,
    created_at     timestamptz   NOT NULL,
    request_id     varchar(100),
    operation      varchar(20)   NOT NULL,
    requested      varchar(100),
    model          varchar(100),
    provider       varchar(20),
    outcome        varchar(20)   NOT NULL,
    error_code     varchar(10),
    tokens_in      integer       NOT NULL DEFAULT 0,
    tokens_out     integer       NOT NULL DEFAULT 0,
    latency_ms     integer       NOT NULL DEFAULT 0,
    cost_usd       numeric(14,8) NOT NULL DEFAULT 0,
    cache_hit      boolean       NOT NULL DEFAULT false,
    streamed       boolean       NOT NULL DEFAULT false,
    caller         varchar(150)  NOT NULL,
    api_key_id     varchar(100),
    agent_id       varchar(100),
    goal_id        varchar(100),
    plan_id        varchar(100),
    task_id        varchar(100),
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX usage_created_idx ON modelgateway.usage (created_at);

CREATE FUNCTION modelgateway.ensure_usage_partition(day date) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = modelgateway, pg_temp AS $$
DECLARE
    name text := format('usage_%s', to_char(day, 'YYYY_MM_DD'));
BEGIN
    IF to_regclass('modelgateway.' || name) IS NULL THEN
        EXECUTE format('CREATE TABLE modelgateway.%I PARTITION OF modelgateway.usage FOR VALUES FROM (%L) TO (%L)',
                       name, day, day + 1);
    END IF;
    RETURN name;
END $$;
SELECT modelgateway.ensure_usage_partition((current_date + d)::date) FROM generate_series(-1, 7) AS d;

INSERT INTO modelgateway.models (id, provider, provider_model, version, context_window, capabilities, local)
VALUES ('local', 'local', 'all-minilm-l6-v2+extractive', '1', 100000, 'chat,stream,embeddings,summarize,classify,fill', true);
INSERT INTO modelgateway.aliases (name, version, strategy, targets, updated_by)
VALUES ('default', 1, 'priority', '[{"model":"local","weight":1}]', 'migration:V20'),
       ('planner', 1, 'priority', '[{"model":"local","weight":1}]', 'migration:V20');
INSERT INTO modelgateway.alias_versions (name, version, strategy, targets, created_by)
SELECT name, version, strategy, targets, updated_by FROM modelgateway.aliases;

GRANT USAGE ON SCHEMA modelgateway TO ${runtimeRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON modelgateway.models, modelgateway.aliases, modelgateway.alias_versions,
    modelgateway.budgets TO ${runtimeRole};
GRANT SELECT, INSERT ON modelgateway.usage TO ${runtimeRole};
GRANT EXECUTE ON FUNCTION modelgateway.ensure_usage_partition(date) TO ${runtimeRole};
