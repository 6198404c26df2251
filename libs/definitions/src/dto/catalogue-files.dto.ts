/**
 * The catalogue as it is kept in files: one file per kind of entry, each a wrapper
 * object so that it can carry a `$schema` for editors.
 */
// class-transformer's @Type reads design-time metadata through the Reflect API.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, ValidateNested } from 'class-validator';
import type { Catalogue } from '../definition.types.js';
import { DepartmentDto } from './department.dto.js';
import { LicenceTypeDto } from './licence-type.dto.js';
import { MaterialDto } from './material.dto.js';
import { ServiceItemDto } from './service-item.dto.js';

export class DepartmentCatalogueFileDto {
  @IsOptional()
  @IsString()
  $schema?: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DepartmentDto)
  departments: DepartmentDto[];
}

export class MaterialCatalogueFileDto {
  @IsOptional()
  @IsString()
  $schema?: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials: MaterialDto[];
}

export class LicenceTypeCatalogueFileDto {
  @IsOptional()
  @IsString()
  $schema?: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LicenceTypeDto)
  licenceTypes: LicenceTypeDto[];
}

export class ServiceItemCatalogueFileDto {
  @IsOptional()
  @IsString()
  $schema?: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ServiceItemDto)
  items: ServiceItemDto[];
}

/** The whole catalogue in one object, as the API and the loader hand it over. */
export class CatalogueDto implements Catalogue {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DepartmentDto)
  departments: DepartmentDto[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials: MaterialDto[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LicenceTypeDto)
  licenceTypes: LicenceTypeDto[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ServiceItemDto)
  items: ServiceItemDto[];
}
