import { IsString, MinLength } from 'class-validator';
import type { Label } from '../definition.types.js';

export class LabelDto implements Label {
  @IsString()
  @MinLength(1)
  zh: string;

  @IsString()
  @MinLength(1)
  en: string;
}
