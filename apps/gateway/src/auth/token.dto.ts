import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

export const GRANT_TYPES = ['password', 'client_credentials'] as const;

/** `POST /api/v1/token`, as JSON or a form (RFC 6749 §4.3 and §4.4). */
export class TokenRequestDto {
  @ApiProperty({ enum: GRANT_TYPES })
  @IsIn(GRANT_TYPES)
  grant_type: (typeof GRANT_TYPES)[number];

  @ApiPropertyOptional({ description: 'password grant: the phone number or a card number of the member', example: '79123487979' })
  @ValidateIf((request: TokenRequestDto) => request.grant_type === 'password')
  @Matches(/^\d{6,32}$/, { message: 'username must be a phone or card number (6-32 digits)' })
  username?: string;

  @ApiPropertyOptional({ description: 'password grant: the member’s password' })
  @ValidateIf((request: TokenRequestDto) => request.grant_type === 'password')
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password?: string;

  @ApiPropertyOptional({ description: 'The client (also accepted as HTTP Basic credentials). Optional for the password grant.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  client_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  client_secret?: string;

  @ApiPropertyOptional({ description: 'client_credentials: space-separated scopes (pos, partner, admin); default all of the client’s' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  scope?: string;
}

export class TokenResponseDto {
  @ApiProperty()
  access_token: string;

  @ApiProperty({ example: 'Bearer' })
  token_type: string;

  @ApiProperty({ example: 3600 })
  expires_in: number;

  @ApiProperty({ example: 'member' })
  scope: string;
}
