import { DataTypes } from 'sequelize';
import type { MigrationParams } from 'umzug';
import type { MigrationContext } from '../migrator.js';

/**
 * Organisations, their members, the category tree and promo codes: the tables later migrations point at.
 * User ids are the token's `sub`, which need not be a UUID, hence strings. Memberships are read on every
 * authenticated request, so they are indexed by user. Promo codes are unique per organisation on the upper-cased
 * code (case-insensitive uniqueness as a plain unique index, the same on both dialects), and their use counter can
 * never go below zero whatever a buggy caller does. `promo_codes.event_id` has no foreign key: events arrive in a
 * later migration, and a code scoped to a deleted draft simply never applies again.
 */
export async function up({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.createTable('organizations', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    name: { type: DataTypes.STRING(200), allowNull: false },
    slug: { type: DataTypes.STRING(120), allowNull: false },
    review_required: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    moderate_reviews: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await queryInterface.addIndex('organizations', ['slug'], { name: 'organizations_slug_unique', unique: true });
  await queryInterface.addIndex('organizations', ['name', 'id'], { name: 'organizations_by_name' });

  await queryInterface.createTable('organization_members', {
    organization_id: {
      type: DataTypes.UUID,
      primaryKey: true,
      allowNull: false,
      references: { model: 'organizations', key: 'id' },
      onDelete: 'CASCADE',
    },
    user_id: { type: DataTypes.STRING(255), primaryKey: true, allowNull: false },
    role: { type: DataTypes.STRING(16), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await queryInterface.addIndex('organization_members', ['user_id'], { name: 'organization_members_by_user' });

  await queryInterface.createTable('categories', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    name: { type: DataTypes.STRING(120), allowNull: false },
    slug: { type: DataTypes.STRING(120), allowNull: false },
    parent_id: {
      type: DataTypes.UUID,
      allowNull: true,
      references: { model: 'categories', key: 'id' },
      onDelete: 'RESTRICT',
    },
    position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await queryInterface.addIndex('categories', ['slug'], { name: 'categories_slug_unique', unique: true });
  await queryInterface.addIndex('categories', ['parent_id', 'position'], { name: 'categories_by_parent' });

  await queryInterface.createTable('promo_codes', {
    id: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
    organization_id: {
      type: DataTypes.UUID,
      allowNull: false,
      references: { model: 'organizations', key: 'id' },
      onDelete: 'CASCADE',
    },
    event_id: { type: DataTypes.UUID, allowNull: true },
    code: { type: DataTypes.STRING(40), allowNull: false },
    code_normalized: { type: DataTypes.STRING(40), allowNull: false },
    discount_percent: { type: DataTypes.INTEGER, allowNull: true },
    discount_amount: { type: DataTypes.INTEGER, allowNull: true },
    currency: { type: DataTypes.STRING(3), allowNull: true },
    starts_at: { type: DataTypes.DATE, allowNull: false },
    ends_at: { type: DataTypes.DATE, allowNull: true },
    max_uses: { type: DataTypes.INTEGER, allowNull: true },
    // A column CHECK written into the type: the one spelling both dialects accept inside CREATE TABLE.
    uses_count: { type: 'INTEGER CONSTRAINT promo_codes_uses_count_positive CHECK (uses_count >= 0)', allowNull: false, defaultValue: 0 },
    is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await queryInterface.addIndex('promo_codes', ['organization_id', 'code_normalized'], {
    name: 'promo_codes_code_per_organization',
    unique: true,
  });
  await queryInterface.addIndex('promo_codes', ['event_id'], { name: 'promo_codes_by_event' });
}

export async function down({ context: { queryInterface } }: MigrationParams<MigrationContext>): Promise<void> {
  await queryInterface.dropTable('promo_codes');
  await queryInterface.dropTable('categories');
  await queryInterface.dropTable('organization_members');
  await queryInterface.dropTable('organizations');
}
