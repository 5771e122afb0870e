import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@app/identity';
import { RUNTIME, type RuntimeServices } from '@app/application';
import { Allow, AllowMfaPending, CurrentPrincipal } from '../security/access.decorators';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  @Get()
  @Allow('any')
  @AllowMfaPending()
  @ApiOperation({ summary: 'Who is signed in: partnership, agency, roles, and whether a second factor is still needed.' })
  async me(@CurrentPrincipal() p: Principal) {
    const [partnership] = await this.rt.db.query('SELECT id, name FROM partnerships WHERE id = $1', [p.partnershipId]);
    const [agency] = p.agencyId ? await this.rt.db.query('SELECT id, name, type FROM agencies WHERE id = $1', [p.agencyId]) : [];
    return {
      id: p.userId, displayName: p.displayName,
      partnership: partnership ? { id: String(partnership.id), name: String(partnership.name) } : { id: p.partnershipId, name: p.partnershipId },
      agency: agency ? { id: String(agency.id), name: String(agency.name), type: String(agency.type) } : null,
      roles: p.roles, mfa: p.mfa, mfaEnrolmentRequired: p.mfaPending,
    };
  }
}
