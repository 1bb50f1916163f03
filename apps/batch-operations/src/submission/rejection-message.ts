/** Item problems listed in a reply's message; the rest are counted. */
export const LISTED_PROBLEMS = 20;

export interface ItemProblem {
  itemIndex: number;
  memberNo: string | null;
  problem: string;
}

export interface RequestRejection {
  /** Problems of the request as a whole (unknown currency, too many items…). */
  requestProblems: string[];
  /** The first problem items in index order (at most LISTED_PROBLEMS are shown). */
  itemProblems: ItemProblem[];
  /** How many items have problems in all. */
  problemItemCount: number;
  itemCount: number;
}

/**
 * The `message` of a `status: 1` reply: says that nothing was applied, then names the request's
 * own problems and the bad items by their position in `accrue` (from 0), so the sender can fix
 * exactly those. Written in Russian like the seed's success message.
 */
export function rejectionMessage(rejection: RequestRejection): string {
  const parts = ['Запрос отклонён, ни одна операция не выполнена.'];
  if (rejection.requestProblems.length > 0) parts.push(`${rejection.requestProblems.join('; ')}.`);
  if (rejection.problemItemCount > 0) {
    const listed = rejection.itemProblems.slice(0, LISTED_PROBLEMS).map(describeItemProblem);
    const rest = rejection.problemItemCount - listed.length;
    parts.push(
      `Ошибки в элементах accrue: ${rejection.problemItemCount} из ${rejection.itemCount}. ${listed.join('; ')}${rest > 0 ? `; и ещё ${rest}` : ''}.`,
    );
  }
  return parts.join(' ');
}

function describeItemProblem({ itemIndex, memberNo, problem }: ItemProblem): string {
  return `accrue[${itemIndex}]${memberNo ? ` (memberNo ${memberNo})` : ''}: ${problem}`;
}

export function conflictMessage(requestId: string): string {
  return `Запрос отклонён: requestId "${requestId}" уже использован для запроса с другим содержимым; повторите исходный запрос без изменений или задайте новый requestId.`;
}
