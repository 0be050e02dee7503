import client from "prom-client";

// Prometheus metrics. prom-client keeps one registry per process, and Next loads its own copy of
// this module: each metric is created once and found again by name by the second copy.
export const registry = client.register;

function metric<T extends client.Metric>(name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

const shared = globalThis as typeof globalThis & { __chatDefaultMetrics?: boolean };
if (!shared.__chatDefaultMetrics) {
  shared.__chatDefaultMetrics = true;
  // Includes nodejs_eventloop_lag_seconds, heap and CPU.
  client.collectDefaultMetrics({ register: registry });
}

export const connectedSockets = metric("chat_connected_sockets", () => new client.Gauge({ name: "chat_connected_sockets", help: "Sockets connected to this node" }));

export const rejectedConnections = metric(
  "chat_rejected_connections_total",
  () => new client.Counter({ name: "chat_rejected_connections_total", help: "Handshakes refused, by reason", labelNames: ["reason"] as const }),
);

export const messagesReceived = metric(
  "chat_messages_received_total",
  () => new client.Counter({ name: "chat_messages_received_total", help: "New messages stored from this node's sockets" }),
);

export const messagesDelivered = metric(
  "chat_messages_delivered_total",
  () => new client.Counter({ name: "chat_messages_delivered_total", help: "message:new packets handed to this node's sockets" }),
);

export const ackLatency = metric(
  "chat_ack_seconds",
  () =>
    new client.Histogram({
      name: "chat_ack_seconds",
      help: "Time from a client event's arrival to its acknowledgement",
      labelNames: ["event", "outcome"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
);

export const dbWriteLatency = metric(
  "chat_db_write_seconds",
  () =>
    new client.Histogram({
      name: "chat_db_write_seconds",
      help: "Duration of write transactions (one per group-committed batch of messages)",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    }),
);

export const reconnects = metric(
  "chat_reconnects_total",
  () => new client.Counter({ name: "chat_reconnects_total", help: "Handshakes that say they reconnect a client (auth.reconnect)" }),
);

export const catchUps = metric(
  "chat_catchup_messages",
  () =>
    new client.Histogram({
      name: "chat_catchup_messages",
      help: "Messages returned by room:join with since (a reconnecting or gap-filling client catching up)",
      buckets: [0, 1, 5, 10, 50, 100, 500, 1000],
    }),
);

export const backloggedSockets = metric(
  "chat_backlogged_sockets",
  () => new client.Gauge({ name: "chat_backlogged_sockets", help: "Sockets whose outgoing backlog is over the soft bound (requests held)" }),
);

export const slowSocketDisconnects = metric(
  "chat_slow_socket_disconnects_total",
  () =>
    new client.Counter({
      name: "chat_slow_socket_disconnects_total",
      help: "Sockets cut for not reading (backlog, drain timeout, held requests) or not answering the server's pings",
      labelNames: ["reason"] as const,
    }),
);
