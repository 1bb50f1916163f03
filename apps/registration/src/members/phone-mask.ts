/** How a phone number is shown back to the member: `***` and its last four digits (seed 001). */
export function maskPhone(phone: string): string {
  return `***${phone.slice(-4)}`;
}
