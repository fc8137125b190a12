import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@fantamercato/auth';
import { CommissionerActionDto, RemoveManagerDto } from '@fantamercato/leagues';
import { MemberRemoval } from './member-removal.service.js';

/** The commissioner's tool that reaches into the market (squads, maxima, the draft): removing a manager. */
@ApiTags('leagues')
@ApiBearerAuth()
@Controller('leagues/:id/commissioner')
export class MemberRemovalController {
  constructor(private readonly removal: MemberRemoval) {}

  @Post('remove')
  @ApiCreatedResponse({
    type: CommissionerActionDto,
    description: 'member.removed: his players return to the pool; 409 MEMBER_LEADS_AUCTIONS while he leads one; he may not join again',
  })
  async remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: RemoveManagerDto,
  ): Promise<CommissionerActionDto> {
    return this.removal.remove(id, user.id, body);
  }
}
