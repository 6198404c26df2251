/**
 * 一次告知: everything the applicant needs to know about a bundle, told once.
 */
import type {
  MergedMaterial,
  NotificationEntry,
  NotificationItem,
  OneTimeNotification,
} from '../compiled.types.js';
import type { ResolvedBundle } from '../definition.types.js';
import { buildItemGraph, criticalPath } from '../graph/bundle-graph.js';
import { mergeMaterials } from './merge-materials.js';
import { renderNotificationText } from './notification-text.js';

export function buildNotification(
  resolved: ResolvedBundle,
  materials?: MergedMaterial[],
): OneTimeNotification {
  const { bundle } = resolved;
  const services = new Map(resolved.items.map((entry) => [entry.code, entry] as const));
  const departments = new Map(resolved.departments.map((entry) => [entry.code, entry] as const));

  const items: NotificationItem[] = bundle.items.map((bundleItem) => {
    const service = services.get(bundleItem.item);
    if (!service)
      throw new Error(
        `bundle ${bundle.code} uses item ${bundleItem.item}, which the resolved bundle lacks`,
      );
    const department = departments.get(service.department);
    return {
      item: service.code,
      name: { ...service.name },
      department: service.department,
      // An unknown department is the validator's error; show its code rather than nothing.
      departmentName: department
        ? { ...department.name }
        : { zh: service.department, en: service.department },
      promisedLimitDays: service.promisedLimitDays,
      conditional: bundleItem.when !== undefined,
      commitmentAllowed: service.commitment?.allowed === true,
      specialProcedures: service.specialProcedures.map((procedure) => ({
        name: { ...procedure.name },
        maxDays: procedure.maxDays,
      })),
    };
  });

  const bring: NotificationEntry[] = [];
  const mayComeLater: NotificationEntry[] = [];
  const fromHeldLicences: NotificationEntry[] = [];
  const producedInCase: NotificationEntry[] = [];
  for (const material of materials ?? mergeMaterials(resolved)) {
    const entry: NotificationEntry = {
      material: material.material,
      name: { ...material.name },
      acceptedForms: [...material.acceptedForms],
      items: material.usedBy.map((use) => use.item),
    };
    if (material.suppliedInCase)
      producedInCase.push({ ...entry, licenceType: material.suppliedInCase.licenceType });
    else if (material.satisfiedByLicence !== undefined)
      fromHeldLicences.push({ ...entry, licenceType: material.satisfiedByLicence });
    else if (material.tolerable) mayComeLater.push(entry);
    else bring.push(entry);
  }

  const { path, days } = criticalPath(buildItemGraph(bundle, resolved.items).nodes);
  const notification: Omit<OneTimeNotification, 'text'> = {
    bundle: {
      code: bundle.code,
      name: { ...bundle.name },
      ...(bundle.version === undefined ? {} : { version: bundle.version }),
    },
    items,
    bring,
    mayComeLater,
    supplementDeadlineDays: bundle.supplement.deadlineDays,
    fromHeldLicences,
    producedInCase,
    criticalPath: path,
    estimatedDays: days,
    promisedLimitDays: bundle.promisedLimitDays,
  };
  return { ...notification, text: renderNotificationText(notification, resolved) };
}
