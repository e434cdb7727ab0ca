import {
  ConflictError,
  offsetOf,
  type Organization,
  type OrganizationFilter,
  type OrganizationMember,
  type OrganizationRepository,
  type PageRequest,
  type TxContext,
} from '@aquastream/application';
import type { MemberRole, Membership } from '@aquastream/domain';
import { DataTypes, Op, QueryTypes, UniqueConstraintError, literal, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { Database } from './database.js';
import { sqlTransaction } from './sql-unit-of-work.js';

type OrgRow = { id: string; name: string; slug: string; reviewRequired: boolean; moderateReviews: boolean; createdAt: Date };
type MemberRow = { organizationId: string; userId: string; role: string; createdAt: Date };

function orgModel(sequelize: Sequelize): ModelStatic<Model> {
  return (
    sequelize.models['Organization'] ??
    sequelize.define(
      'Organization',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        name: { type: DataTypes.STRING(200), allowNull: false },
        slug: { type: DataTypes.STRING(120), allowNull: false },
        reviewRequired: { type: DataTypes.BOOLEAN, allowNull: false },
        moderateReviews: { type: DataTypes.BOOLEAN, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'organizations', underscored: true, timestamps: false },
    )
  );
}

function memberModel(sequelize: Sequelize): ModelStatic<Model> {
  return (
    sequelize.models['OrganizationMember'] ??
    sequelize.define(
      'OrganizationMember',
      {
        organizationId: { type: DataTypes.UUID, primaryKey: true },
        userId: { type: DataTypes.STRING(255), primaryKey: true },
        role: { type: DataTypes.STRING(16), allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'organization_members', underscored: true, timestamps: false },
    )
  );
}

const toOrg = (m: Model): Organization => {
  const r = m.get({ plain: true }) as OrgRow;
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    reviewRequired: Boolean(r.reviewRequired),
    moderateReviews: Boolean(r.moderateReviews),
    createdAt: new Date(r.createdAt).getTime(),
  };
};

const toMember = (m: Model): OrganizationMember => {
  const r = m.get({ plain: true }) as MemberRow;
  return { organizationId: r.organizationId, userId: r.userId, role: r.role as MemberRole, createdAt: new Date(r.createdAt).getTime() };
};

/** Columns named by a unique violation: PostgreSQL reports them as an object, SQLite as a list. */
function uniqueColumns(error: UniqueConstraintError): string[] {
  const fields: unknown = error.fields;
  if (Array.isArray(fields)) return fields.map(String);
  return fields !== null && typeof fields === 'object' ? Object.keys(fields) : [];
}

const isSlugClash = (error: unknown): boolean =>
  error instanceof UniqueConstraintError && uniqueColumns(error).some((c) => c === 'slug');

export class SqlOrganizationRepository implements OrganizationRepository {
  private readonly orgs: ModelStatic<Model>;
  private readonly members: ModelStatic<Model>;

  constructor(private readonly db: Database) {
    this.orgs = orgModel(db.sequelize);
    this.members = memberModel(db.sequelize);
  }

  async insert(tx: TxContext, org: Organization): Promise<void> {
    try {
      await this.orgs.create({ ...org, createdAt: new Date(org.createdAt) }, { transaction: sqlTransaction(tx) });
    } catch (error) {
      if (isSlugClash(error)) throw new ConflictError('organization_slug');
      throw error;
    }
  }

  async findById(tx: TxContext | null, id: string): Promise<Organization | null> {
    const row = await this.orgs.findByPk(id, { transaction: sqlTransaction(tx) });
    return row ? toOrg(row) : null;
  }

  async findBySlug(tx: TxContext | null, slug: string): Promise<Organization | null> {
    const row = await this.orgs.findOne({ where: { slug }, transaction: sqlTransaction(tx) });
    return row ? toOrg(row) : null;
  }

  async update(tx: TxContext, org: Organization): Promise<void> {
    try {
      await this.orgs.update(
        { name: org.name, slug: org.slug, reviewRequired: org.reviewRequired, moderateReviews: org.moderateReviews },
        { where: { id: org.id }, transaction: sqlTransaction(tx) },
      );
    } catch (error) {
      if (isSlugClash(error)) throw new ConflictError('organization_slug');
      throw error;
    }
  }

  async list(page: PageRequest, filter: OrganizationFilter = {}): Promise<{ items: Organization[]; total: number }> {
    const where =
      filter.memberUserId === undefined
        ? {}
        : {
            id: {
              [Op.in]: literal(
                `(SELECT organization_id FROM organization_members WHERE user_id = ${this.db.sequelize.escape(filter.memberUserId)})`,
              ),
            },
          };
    const { rows, count } = await this.orgs.findAndCountAll({
      where,
      order: [
        ['name', 'ASC'],
        ['id', 'ASC'],
      ],
      limit: page.size,
      offset: offsetOf(page),
    });
    return { items: rows.map(toOrg), total: count };
  }

  async addMember(tx: TxContext, member: OrganizationMember): Promise<void> {
    try {
      await this.members.create({ ...member, createdAt: new Date(member.createdAt) }, { transaction: sqlTransaction(tx) });
    } catch (error) {
      if (error instanceof UniqueConstraintError) throw new ConflictError('organization_member');
      throw error;
    }
  }

  async findMember(tx: TxContext | null, organizationId: string, userId: string): Promise<OrganizationMember | null> {
    const row = await this.members.findOne({ where: { organizationId, userId }, transaction: sqlTransaction(tx) });
    return row ? toMember(row) : null;
  }

  async updateMemberRole(tx: TxContext, organizationId: string, userId: string, role: MemberRole): Promise<boolean> {
    const [count] = await this.members.update({ role }, { where: { organizationId, userId }, transaction: sqlTransaction(tx) });
    return count > 0;
  }

  async removeMember(tx: TxContext, organizationId: string, userId: string): Promise<boolean> {
    const count = await this.members.destroy({ where: { organizationId, userId }, transaction: sqlTransaction(tx) });
    return count > 0;
  }

  async listMembers(organizationId: string): Promise<OrganizationMember[]> {
    const rows = await this.members.findAll({
      where: { organizationId },
      order: [
        ['createdAt', 'ASC'],
        ['userId', 'ASC'],
      ],
    });
    return rows.map(toMember);
  }

  async membershipsOf(tx: TxContext | null, userId: string): Promise<Membership[]> {
    // Every authenticated request asks this (resolve-actor): plain parameterised SQL, no finder to build.
    const rows = await this.db.sequelize.query<{ organizationId: string; role: string }>(
      'SELECT organization_id AS "organizationId", role FROM organization_members WHERE user_id = $1 ORDER BY organization_id',
      { type: QueryTypes.SELECT, bind: [userId], transaction: sqlTransaction(tx) },
    );
    return rows.map((r) => ({ organizationId: r.organizationId, role: r.role as MemberRole }));
  }

}
