import { Module } from '@nestjs/common';
import { LicencesModule } from '@onevisit/licences';
import { LicencesController } from './licences.controller.js';

@Module({ imports: [LicencesModule], controllers: [LicencesController] })
export class LicencesApiModule {}
