import { Module } from '@nestjs/common';
import { RegistrationController } from './registration.controller';
import { UserController } from './user.controller';

@Module({ controllers: [RegistrationController, UserController] })
export class RegistrationApiModule {}
