// class-transformer's @Type reads design-time metadata through the Reflect API.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Matches, ValidateNested } from 'class-validator';
import type { Department } from '../definition.types.js';
import { CODE_MESSAGE, CODE_PATTERN } from './definition-patterns.js';
import { LabelDto } from './label.dto.js';

export class DepartmentDto implements Department {
  @IsString()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => LabelDto)
  name: LabelDto;
}
