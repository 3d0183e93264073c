-- The trace of a video's encode (OpenTelemetry trace id, 32 hex digits), shown in its JSON and the admin console so an
-- operator can open it in Jaeger/Tempo; null when telemetry was off.
ALTER TABLE video ADD COLUMN trace_id VARCHAR(32);
