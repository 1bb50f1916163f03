import { GetQuestionsRequest, QuestionsReply, RegistrationRpc, SubmitAnswersRequest } from '@loyalty/contracts';
import { RpcHandler } from '@loyalty/messaging';
import { Injectable } from '@nestjs/common';
import { QuestionnaireService } from './questionnaire.service';

@Injectable()
export class QuestionnaireRpcHandler {
  constructor(private readonly questionnaire: QuestionnaireService) {}

  @RpcHandler({ routingKey: RegistrationRpc.GetQuestions, request: GetQuestionsRequest })
  async questions(request: GetQuestionsRequest): Promise<QuestionsReply> {
    return { questions: await this.questionnaire.questions(request.memberId, request.onlyRequired) };
  }

  @RpcHandler({ routingKey: RegistrationRpc.SubmitAnswers, request: SubmitAnswersRequest })
  submit(request: SubmitAnswersRequest): Promise<void> {
    return this.questionnaire.submit(request.memberId, request.answers, request.applicationId);
  }
}
