/**
 * What the compiler makes of one resolved bundle. Plain JSON all through, so that a
 * published version can store it and the API can return it as it is.
 */
import type { Condition, FormField, Label, MaterialForm } from './definition.types.js';

/** One field of the merged form (一表申请). */
export interface MergedField extends FormField {
  /** `bundle` or the item codes that ask for this field. */
  usedBy: string[];
  /**
   * When `required` is false but conditional items require the field: the field is
   * required when any of these conditions holds on the answers.
   */
  requiredWhen?: Condition[];
}

export interface MaterialUse {
  item: string;
  required: boolean;
  tolerable: boolean;
}

/** One entry of the merged material set (一套材料). */
export interface MergedMaterial {
  material: string;
  name: Label;
  acceptedForms: MaterialForm[];
  usedBy: MaterialUse[];
  /** Required by at least one item that always applies. */
  required: boolean;
  /** Tolerable (容缺) for every item that needs it: may come after acceptance. */
  tolerable: boolean;
  /** A licence of this type satisfies it (免证可办). */
  satisfiedByLicence?: string;
  /** Set when an item of this very bundle issues that licence: the case supplies it itself. */
  suppliedInCase?: { licenceType: string; byItem: string };
}

export interface NotificationEntry {
  material: string;
  name: Label;
  acceptedForms: MaterialForm[];
  items: string[];
  licenceType?: string;
}

export interface NotificationItem {
  item: string;
  name: Label;
  department: string;
  departmentName: Label;
  promisedLimitDays: number;
  conditional: boolean;
  commitmentAllowed: boolean;
  specialProcedures: { name: Label; maxDays: number }[];
}

/** 一次告知: everything the applicant needs to know, told once. */
export interface OneTimeNotification {
  bundle: { code: string; name: Label; version?: number };
  items: NotificationItem[];
  /** Bring these at application. */
  bring: NotificationEntry[];
  /** Tolerable: may be supplied after acceptance, within `supplementDeadlineDays`. */
  mayComeLater: NotificationEntry[];
  supplementDeadlineDays: number;
  /** Satisfied by a licence the applicant already holds: no copy needed. */
  fromHeldLicences: NotificationEntry[];
  /** Satisfied by a licence an earlier item of this case issues. */
  producedInCase: NotificationEntry[];
  /** Item codes along the longest chain of promised limits. */
  criticalPath: string[];
  /** Working days along the critical path (promised limits). */
  estimatedDays: number;
  promisedLimitDays: number;
  /** The notification as text, ready to print or send. */
  text: Label;
}

/** JSON of an XState v5 machine config; guards and actions referenced by name with params. */
export type MachineJson = Record<string, unknown>;

export interface CompiledBundle {
  form: MergedField[];
  materials: MergedMaterial[];
  notification: OneTimeNotification;
  machine: MachineJson;
  /** Mermaid `stateDiagram-v2` text of the machine. */
  diagram: string;
}
