/** The cell's own work (issue 21): decisions, actions, meetings, notifications and e-mail. */

export * from './candidates.ts';
export * from './notify.ts';
export * from './records.ts';
export * from './work.ts';
