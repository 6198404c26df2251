/**
 * Semantic checks of a structurally valid catalogue: everything one entry says about
 * another must hold (codes exist, are unique, limits are consistent).
 */
import type { Catalogue, DefinitionError, ServiceItem } from '../definition.types.js';
import { conditionFields } from './bundle-semantics.js';
import { pointerOf } from './json-pointer.js';

/** All problems of the catalogue; pointers locate the entry, e.g. `/items/3/materials/1/material`. */
export function validateCatalogueSemantics(catalogue: Catalogue): DefinitionError[] {
  const errors: DefinitionError[] = [
    ...duplicateCodes(catalogue.departments, '/departments', 'department'),
    ...duplicateCodes(catalogue.materials, '/materials', 'material'),
    ...duplicateCodes(catalogue.licenceTypes, '/licenceTypes', 'licence type'),
    ...duplicateCodes(catalogue.items, '/items', 'service item'),
  ];
  const departments = new Set(catalogue.departments.map((entry) => entry.code));
  const materials = new Set(catalogue.materials.map((entry) => entry.code));
  const licenceTypes = new Set(catalogue.licenceTypes.map((entry) => entry.code));

  catalogue.licenceTypes.forEach((licenceType, index) => {
    if (!departments.has(licenceType.issuer)) {
      errors.push({
        pointer: pointerOf('/licenceTypes', index, 'issuer'),
        code: 'unknown-department',
        message: `licence type ${licenceType.code} is issued by unknown department ${licenceType.issuer}`,
      });
    }
  });
  catalogue.items.forEach((item, index) => {
    errors.push(
      ...itemProblems(item, pointerOf('/items', index), { departments, materials, licenceTypes }),
    );
  });
  return errors;
}

interface KnownCodes {
  departments: Set<string>;
  materials: Set<string>;
  licenceTypes: Set<string>;
}

function itemProblems(item: ServiceItem, at: string, known: KnownCodes): DefinitionError[] {
  const errors: DefinitionError[] = [];
  if (!known.departments.has(item.department)) {
    errors.push({
      pointer: `${at}/department`,
      code: 'unknown-department',
      message: `item ${item.code} belongs to unknown department ${item.department}`,
    });
  }
  if (item.promisedLimitDays > item.legalLimitDays) {
    errors.push({
      pointer: `${at}/promisedLimitDays`,
      code: 'promised-above-legal-limit',
      message: `item ${item.code} promises ${item.promisedLimitDays} working days, above its legal limit of ${item.legalLimitDays}`,
    });
  }
  if (item.commitment?.allowed === true && item.commitment.postCheckDays < 1) {
    errors.push({
      pointer: `${at}/commitment/postCheckDays`,
      code: 'invalid-post-check',
      message: `item ${item.code} allows approval on pledge, so its post-check needs at least 1 working day`,
    });
  }

  // 秒批: the rule may only read the item's own answers, so it means the same in every bundle.
  if (item.instantApproval !== undefined) {
    const keys = new Set(item.form.map((field) => field.key));
    for (const { field, pointer } of conditionFields(
      item.instantApproval.when,
      `${at}/instantApproval/when`,
    )) {
      if (!keys.has(field)) {
        errors.push({
          pointer,
          code: 'unknown-condition-field',
          message: `the instant-approval rule of item ${item.code} names field ${field}, which the item's form does not ask for`,
        });
      }
    }
  }

  const seenMaterials = new Set<string>();
  item.materials.forEach((use, index) => {
    const pointer = pointerOf(at, 'materials', index);
    if (!known.materials.has(use.material)) {
      errors.push({
        pointer: `${pointer}/material`,
        code: 'unknown-material',
        message: `item ${item.code} needs unknown material ${use.material}`,
      });
    }
    if (seenMaterials.has(use.material)) {
      errors.push({
        pointer: `${pointer}/material`,
        code: 'duplicate-material',
        message: `item ${item.code} lists material ${use.material} twice`,
      });
    }
    seenMaterials.add(use.material);
    if (use.satisfiedByLicence !== undefined && !known.licenceTypes.has(use.satisfiedByLicence)) {
      errors.push({
        pointer: `${pointer}/satisfiedByLicence`,
        code: 'unknown-licence-type',
        message: `material ${use.material} of item ${item.code} is satisfied by unknown licence type ${use.satisfiedByLicence}`,
      });
    }
  });

  item.outputs.forEach((output, index) => {
    if (!known.licenceTypes.has(output)) {
      errors.push({
        pointer: pointerOf(at, 'outputs', index),
        code: 'unknown-licence-type',
        message: `item ${item.code} issues unknown licence type ${output}`,
      });
    }
  });

  const seenKeys = new Set<string>();
  item.form.forEach((field, index) => {
    if (seenKeys.has(field.key)) {
      errors.push({
        pointer: pointerOf(at, 'form', index, 'key'),
        code: 'duplicate-field',
        message: `item ${item.code} asks for field ${field.key} twice`,
      });
    }
    seenKeys.add(field.key);
    const values = new Set<string>();
    (field.options ?? []).forEach((option, optionIndex) => {
      if (values.has(option.value)) {
        errors.push({
          pointer: pointerOf(at, 'form', index, 'options', optionIndex, 'value'),
          code: 'duplicate-option',
          message: `field ${field.key} of item ${item.code} lists option ${option.value} twice`,
        });
      }
      values.add(option.value);
    });
  });
  return errors;
}

function duplicateCodes(entries: { code: string }[], at: string, kind: string): DefinitionError[] {
  const seen = new Set<string>();
  const errors: DefinitionError[] = [];
  entries.forEach((entry, index) => {
    if (seen.has(entry.code)) {
      errors.push({
        pointer: pointerOf(at, index, 'code'),
        code: 'duplicate-code',
        message: `${kind} code ${entry.code} is used twice`,
      });
    }
    seen.add(entry.code);
  });
  return errors;
}
