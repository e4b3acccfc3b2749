/**
 * Storage for ceasefire first (issue 6): phase records, trigger rule versions, the guard
 * policy, sector status history, breaches and the response ladder, truce windows, deployment
 * orders with their events, the cell's notifications, and imported per-sector daily facts
 * (the gate's main source is monitoring, through `zones/violations.ts`). Writes append to the
 * audit log in the caller's transaction.
 */
export type { NotificationKind, OrderEventKind, OrderGate, OrderState } from '../schema.ts';
export * from './breaches.ts';
export * from './campaign.ts';
export type { Actor } from './common.ts';
export * from './demo.ts';
export * from './notifications.ts';
export * from './orders.ts';
export * from './rules.ts';
export * from './sectors.ts';
export * from './truces.ts';
