import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { createValidationPipe } from './validation.pipe.js';

class Inner {
  @IsInt()
  @Min(1)
  days: number;
}

class Sample {
  @IsString()
  name: string;

  @ValidateNested()
  @Type(() => Inner)
  inner: Inner;
}

describe('validation pipe', () => {
  const pipe = createValidationPipe();
  const run = (value: unknown) => pipe.transform(value, { type: 'body', metatype: Sample });

  it('names every bad field, nested ones by path, and refuses unknown properties', async () => {
    let caught: unknown;
    try {
      await run({ name: 3, inner: { days: 0 }, extra: true });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BadRequestException);
    const body = (caught as BadRequestException).getResponse() as {
      statusCode: number;
      errors: { field: string }[];
    };
    expect(body.statusCode).toBe(400);
    expect(body.errors.map((e) => e.field).sort()).toEqual(['extra', 'inner.days', 'name']);
  });

  it('transforms valid input into the DTO class', async () => {
    await expect(run({ name: 'a', inner: { days: 2 } })).resolves.toBeInstanceOf(Sample);
  });
});
