import { Module } from '@nestjs/common';
import { QuestionnaireRpcHandler } from './questionnaire.rpc-handler';
import { QuestionnaireService } from './questionnaire.service';

@Module({ providers: [QuestionnaireService, QuestionnaireRpcHandler], exports: [QuestionnaireService] })
export class QuestionnaireModule {}
